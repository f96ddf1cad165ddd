import { TestAdapter, type Activity } from 'botbuilder';
import { createLogger } from '../../../../src/app/logger';
import { createTurnErrorHandler } from '../../../../src/adapters/bot/turn-error-handler';
import { LogCapture } from '../../../support/app-harness';

describe('turn error boundary', () => {
  it('gives the person an apology card with a reference, and the log the details under the same reference', async () => {
    const logs = new LogCapture();
    const adapter = new TestAdapter(async () => {
      throw new Error('database connection lost at 10.0.0.7');
    });
    adapter.onTurnError = createTurnErrorHandler(createLogger('info', logs));

    const replies: Partial<Activity>[] = [];
    await adapter.send('help').assertReply((reply) => {
      replies.push(reply);
    });

    const card = JSON.stringify(replies[0]?.attachments?.[0]?.content);
    const referenceId = /\*\*([0-9A-F]{8})\*\*/.exec(card)?.[1];
    expect(referenceId).toBeDefined();
    expect(card).not.toContain('database connection lost');

    const entry = logs.lines.find((line) => line.referenceId === referenceId);
    expect(entry?.msg).toBe('turn failed');
    expect(JSON.stringify(entry)).toContain('database connection lost');
  });
});

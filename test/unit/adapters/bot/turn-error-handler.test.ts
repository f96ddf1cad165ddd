import { TestAdapter, type Activity } from 'botbuilder';
import { createLogger } from '../../../../src/app/logger';
import { createTurnErrorHandler } from '../../../../src/adapters/bot/turn-error-handler';
import { GraphFailure } from '../../../../src/adapters/graph/graph-failure';
import { ConnectorTimeoutError } from '../../../../src/adapters/bot/connector-call-policy';
import { LogCapture } from '../../../support/app-harness';

/** Runs one turn that fails with `error`; answers the card's text and the log lines. */
async function failedTurn(error: Error) {
  const logs = new LogCapture();
  const adapter = new TestAdapter(async () => {
    throw error;
  });
  adapter.onTurnError = createTurnErrorHandler(createLogger('info', logs));
  const replies: Partial<Activity>[] = [];
  await adapter.send('status').assertReply((reply) => {
    replies.push(reply);
  });
  return { card: JSON.stringify(replies[0]?.attachments?.[0]?.content), logs };
}

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

  it('names a code from the catalogue: a bug reads INTERNAL, card and log alike', async () => {
    const { card, logs } = await failedTurn(new Error('undefined is not a function'));
    expect(card).toContain('(INTERNAL)');
    expect(card).toContain('Something went wrong on my side');
    expect(logs.lines.find((line) => line.msg === 'turn failed')).toMatchObject({ errorCode: 'INTERNAL', retryable: false });
  });

  it('tells apart a missing Graph permission (IT can fix it) from Teams being slow (try again), and tells the operator what to do', async () => {
    const forbidden = await failedTurn(
      new GraphFailure({
        kind: 'forbidden',
        operation: 'GET /users/{id}/authentication/methods',
        status: 403,
        code: 'Authorization_RequestDenied',
      }),
    );
    expect(forbidden.card).toContain('(GRAPH-FORBIDDEN)');
    expect(forbidden.card).toContain('Your IT team can fix this');
    expect(forbidden.card).not.toContain('Authorization_RequestDenied');
    expect(forbidden.logs.lines.find((line) => line.msg === 'turn failed')).toMatchObject({
      errorCode: 'GRAPH-FORBIDDEN',
      retryable: false,
      operatorAction: expect.stringContaining('admin consent'),
    });

    const slow = await failedTurn(new ConnectorTimeoutError(15_000));
    expect(slow.card).toContain('(TEAMS-TIMEOUT)');
    expect(slow.card).toContain('try again');
    expect(slow.logs.lines.find((line) => line.msg === 'turn failed')).toMatchObject({ errorCode: 'TEAMS-TIMEOUT', retryable: true });
  });
});

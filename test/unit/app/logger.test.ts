import { Writable } from 'node:stream';
import { createLogger, redactSensitive } from '../../../src/app/logger';
import { newCorrelationId, withCorrelation } from '../../../src/adapters/log-correlation';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('log redaction', () => {
  it('hides secrets at any depth and in any letter case, and keeps the rest', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        userId: 'u-1',
        request: { headers: { Authorization: 'Bearer eyJ-top-secret', 'X-Api-Key': 'k-123' } },
        graph: { response: { body: { ACCESS_TOKEN: 'at-456', refresh_token: 'rt-789', clientSecret: 's-000' } } },
        list: [{ nested: { Password: 'p-111' } }],
        activity: { Text: 'my phone number is +1 425 555 0100', attachments: [{ content: 'card with a name' }] },
        tokenCount: 3,
      },
      'something happened',
    );
    const line = lines.join('');
    // Whole values, never bare digits: the log line's own timestamp may hold any run of digits.
    for (const secret of ['eyJ-top-secret', 'k-123', 'at-456', 'rt-789', 's-000', 'p-111', 'phone number', 'card with a name']) {
      expect(line).not.toContain(secret);
    }
    const parsed = JSON.parse(line) as { userId: string; tokenCount: number; msg: string; request: { headers: Record<string, string> } };
    expect(parsed.userId).toBe('u-1');
    expect(parsed.tokenCount).toBe(3);
    expect(parsed.msg).toBe('something happened');
    expect(parsed.request.headers.Authorization).toBe('[redacted]');
  });

  it('hides secrets inside logged errors too', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('request failed'), { config: { headers: { authorization: 'Bearer abc.def' } } });
    logger.error({ err: error }, 'graph call failed');
    expect(lines.join('')).toContain('request failed');
    expect(lines.join('')).not.toContain('abc.def');
  });

  it('stops at cycles and great depth instead of looping', () => {
    const loop: Record<string, unknown> = { name: 'a' };
    loop.self = loop;
    expect(redactSensitive(loop)).toEqual({ name: 'a', self: '[circular]' });
    let deep: Record<string, unknown> = { password: 'x' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(redactSensitive(deep))).not.toContain('"x"');
  });
});

describe('correlation ids on log lines', () => {
  const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as { msg: string; correlationId?: string; runId?: string });

  it('carries the id of the work running into every line it writes, across awaits, and none outside it', async () => {
    const { logger, lines } = capture();
    logger.info('before');
    const turn = newCorrelationId('turn');
    const run = 'campaign-run:r-1';
    await Promise.all([
      withCorrelation({ correlationId: turn }, async () => {
        logger.info('turn starts');
        await new Promise((resolve) => setImmediate(resolve));
        logger.info('turn ends');
      }),
      withCorrelation({ correlationId: run }, async () => {
        await Promise.resolve();
        logger.info({ runId: 'r-1' }, 'delivery');
      }),
    ]);
    logger.info('after');
    const byMessage = new Map(parsed(lines).map((line) => [line.msg, line.correlationId]));
    expect(turn).toMatch(/^turn:[0-9a-f]{12}$/);
    expect(byMessage.get('turn starts')).toBe(turn);
    expect(byMessage.get('turn ends')).toBe(turn);
    expect(byMessage.get('delivery')).toBe(run);
    expect(byMessage.get('before')).toBeUndefined();
    expect(byMessage.get('after')).toBeUndefined();
  });

  it('keeps each line its own: a field of one line never shows on the next line of the same work', () => {
    const { logger, lines } = capture();
    withCorrelation({ correlationId: 'job:posture-scan:1' }, () => {
      logger.info({ outcome: 'failed', error: 'Graph said 403' }, 'posture scan ended');
      logger.info('admins alerted');
    });
    const [ended, alerted] = parsed(lines);
    expect(ended).toMatchObject({ correlationId: 'job:posture-scan:1', outcome: 'failed' });
    expect(alerted).toEqual(expect.objectContaining({ correlationId: 'job:posture-scan:1', msg: 'admins alerted' }));
    expect(alerted).not.toHaveProperty('outcome');
    expect(alerted).not.toHaveProperty('error');
  });

  it('gives two turns two ids', () => {
    expect(newCorrelationId('turn')).not.toBe(newCorrelationId('turn'));
  });
});

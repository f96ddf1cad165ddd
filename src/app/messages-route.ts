import type * as restify from 'restify';
import type { Logger } from 'pino';
import type { Activity } from 'botbuilder';
import { readActivity, type ActivityRequestLimits, type Refusal } from './activity-request';
import type { ServingState } from './http-serving';

/** `POST /api/messages`: Teams' activities, each read under the limits before the bot sees it. */
export function registerMessagesRoute(server: restify.Server, state: ServingState, limits: ActivityRequestLimits, logger: Logger): void {
  const refuse = refuser(limits, logger);
  server.post('/api/messages', async (req, res) => {
    const open = state.serving(res, true);
    if (!open) return;
    await state.during(async () => {
      try {
        const read = await readActivity(req, limits);
        if (!read.ok) {
          refuse(req, res, read);
          return;
        }
        const turn = await open.bot.process(String(req.headers.authorization ?? ''), read.activity as unknown as Activity); // its shape checked by readActivity
        if ('refused' in turn) {
          refuse(req, res, { status: 401, reason: `the token was refused: ${turn.refused}` });
          return;
        }
        if (turn.body === undefined) res.send(turn.status);
        else res.send(turn.status, turn.body);
      } catch (error) {
        logger.error({ err: { message: (error as Error).message } }, 'request failed outside a turn');
        if (!res.headersSent) res.send(500);
      }
    });
  });
}

/**
 * One log line per refusal (no stack). The rest of the body is then read and thrown away, nothing kept, for a
 * short while: closing a socket with unread data makes the kernel send a reset, and the client would lose the
 * answer it was sent (nginx's "lingering close"). A body still arriving past the byte or time limit is cut off.
 */
function refuser(limits: ActivityRequestLimits, logger: Logger) {
  return (req: restify.Request, res: restify.Response, refusal: Refusal): void => {
    logger.warn({ status: refusal.status, reason: refusal.reason, remote: req.socket.remoteAddress }, 'refused a request to /api/messages');
    // Why a token was refused is for the operator's log, not for whoever sent it.
    const answer = { error: refusal.status === 401 ? 'unauthorized' : refusal.reason };
    if (req.complete) {
      // The whole body was read (a refused token, a malformed activity): the connection is clean and may be reused.
      res.send(refusal.status, answer);
      return;
    }
    let discarded = 0;
    const cutOff = () => req.socket.destroy();
    const timer = setTimeout(cutOff, limits.lingerMs);
    timer.unref();
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > limits.lingerBytes) cutOff();
    });
    req.once('end', () => clearTimeout(timer));
    req.once('close', () => clearTimeout(timer));
    req.resume();
    res.send(refusal.status, answer);
  };
}

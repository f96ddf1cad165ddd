import { randomBytes } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { asAttachment } from './cards/card-template';
import { errorCard } from './cards/error-card';
import { errorEntryOf } from '../../domain/errors';

/**
 * The one place a failed turn ends. The person gets a short apology in the catalogue's words for the error's code
 * (try again, or your IT team can fix this), with the code and a reference they can quote; the log gets the
 * details, the code and what the operator should do under the same reference. Nothing internal reaches the chat.
 */
export function createTurnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const referenceId = randomBytes(4).toString('hex').toUpperCase();
    const entry = errorEntryOf(error);
    logger.error(
      {
        referenceId,
        errorCode: entry.code,
        retryable: entry.retryable,
        operatorAction: entry.operator,
        err: { name: error.name, message: error.message, stack: error.stack },
        activityType: context.activity.type,
        activityId: context.activity.id,
        conversationId: context.activity.conversation?.id,
        userAadObjectId: context.activity.from?.aadObjectId,
      },
      'turn failed',
    );
    try {
      await context.sendActivity({ attachments: [asAttachment(errorCard(referenceId, entry))] });
    } catch (sendError) {
      logger.error({ referenceId, err: { message: (sendError as Error).message } }, 'could not send the apology card');
    }
  };
}

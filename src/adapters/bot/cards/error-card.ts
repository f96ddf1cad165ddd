import type { ErrorCode, ErrorEntry } from '../../../domain/errors';
import { renderCard, type AdaptiveCard } from './card-template';

/** The apology after a failed turn: the catalogue's words for the person, the code, and the log's reference. */
export function errorCard(referenceId: string, error: Pick<ErrorEntry, 'person'> & { code: ErrorCode }): AdaptiveCard {
  return renderCard('error', { referenceId, code: error.code, message: error.person });
}

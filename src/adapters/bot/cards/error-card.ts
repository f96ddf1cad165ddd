import { renderCard, type AdaptiveCard } from './card-template';

export function errorCard(referenceId: string): AdaptiveCard {
  return renderCard('error', { referenceId });
}

import type { AdaptiveCard } from './card-template';

/** Plain words as a card: what a card button answers when it has nothing more to show (an invoke must return a card). */
export function textCard(text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
}

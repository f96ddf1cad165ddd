import type { CampaignChange } from '../../../domain/policy/campaign-change';
import { renderCard, type AdaptiveCard } from './card-template';
import { clipText } from './directory-text';
import { VERBS } from './verbs';

/**
 * The cards between the `policy` card's "Review change" and the campaign changed: the confirmation (what changes
 * from → to, what to know first, Apply or Cancel), and the answer when it cannot or did not happen (with a way
 * back to the `policy` card). The words come from the domain; the card lays them out.
 */

interface CardAction {
  title: string;
  verb: (typeof VERBS)[keyof typeof VERBS];
  data: Record<string, unknown>;
  style: 'positive' | 'default';
}

const BACK: CardAction = { title: 'Back to the policy card', verb: VERBS.policyCampaignCancel, data: {}, style: 'default' };

/** "Apply" carries the change as reviewed; the route decides everything again when it is pressed. */
export function campaignReviewCard(review: {
  change: CampaignChange;
  lines: readonly string[];
  warnings: readonly string[];
}): AdaptiveCard {
  return render({
    title: "Change Entra's registration campaign?",
    intro: 'In Microsoft Entra, for everyone the campaign includes:',
    lines: review.lines,
    warnings: review.warnings,
    note:
      'Nothing changes until you press Apply. MFA Coach then checks again that you may, writes the change through ' +
      'Microsoft Graph v1.0 and records it in the audit log.',
    actions: [
      { title: 'Apply', verb: VERBS.policyCampaignApply, data: { ...review.change }, style: 'positive' },
      { ...BACK, title: 'Cancel' },
    ],
  });
}

/** Why nothing was changed (or may not have been), in a few lines, and the way back to the `policy` card. */
export function campaignProblemCard(title: string, lines: readonly string[]): AdaptiveCard {
  return render({ title, intro: '', lines, warnings: [], note: '', actions: [BACK] });
}

function render(view: {
  title: string;
  intro: string;
  lines: readonly string[];
  warnings: readonly string[];
  note: string;
  actions: readonly CardAction[];
}): AdaptiveCard {
  return renderCard('policy-campaign-change', {
    ...view,
    lines: view.lines.map((text) => ({ text: cardText(text) })),
    warnings: view.warnings.map((text) => ({ text: cardText(text) })),
    actions: [...view.actions],
  });
}

/** Our words, and Graph's in a failure: clipped, and nothing in them can become a link, bold text or a binding. */
function cardText(text: string): string {
  return clipText(text.replace(/\s+/g, ' ').trim(), 600)
    .replace(/[\\*[\]]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{');
}

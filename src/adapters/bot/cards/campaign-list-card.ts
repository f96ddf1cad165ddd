import type { Campaign } from '../../../domain/campaigns/campaign';
import type { CampaignHeadline } from '../../../domain/campaigns/campaign-funnel';
import { renderCard, type AdaptiveCard } from './card-template';
import { campaignTitle, outcomeWords, STATUS_TEXT } from './campaign-plan-text';
import { countText } from './figure-text';
import { VERBS } from './verbs';

export interface CampaignListView {
  campaigns: readonly { campaign: Campaign; total: CampaignHeadline }[];
  /** Campaign managers get the "New campaign" button. */
  canCreate: boolean;
}

export function campaignListCard(view: CampaignListView): AdaptiveCard {
  const n = view.campaigns.length;
  return renderCard('campaign-list', {
    summary:
      n === 0
        ? 'No campaign yet.' + (view.canCreate ? ' Start one with "campaign new".' : '')
        : `The latest ${n === 1 ? 'campaign' : `${countText(n)} campaigns`}, newest first. Select one for its funnel.`,
    campaigns: view.campaigns.map(({ campaign, total }) => ({
      campaignId: campaign.id,
      verb: VERBS.campaignStatus,
      title: campaignTitle(campaign),
      line: `${STATUS_TEXT[campaign.status].text.split(':')[0]} · ${countText(total.targeted)} targeted · ${countText(total.delivered)} delivered · ${countText(total.enrolled)} ${outcomeWords(campaign).listed}`,
    })),
    newVerb: VERBS.campaignNew,
    canCreate: view.canCreate,
  });
}

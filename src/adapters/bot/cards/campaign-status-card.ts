import type { Campaign } from '../../../domain/campaigns/campaign';
import type { CampaignFunnel } from '../../../domain/campaigns/campaign-funnel';
import type { CampaignRun } from '../../../domain/campaigns/campaign-run';
import { renderCard, type AdaptiveCard } from './card-template';
import { campaignTitle, outcomeWords, planFacts, STATUS_TEXT, type OutcomeWords } from './campaign-plan-text';
import { countText } from './figure-text';
import { utcDateTimeText } from './freshness-line';
import { VERBS } from './verbs';
import { directoryText, TEXT_LIMITS } from './directory-text';
import type { WaitingReason } from '../../../domain/campaigns/campaign-waiting';

export interface CampaignStatusView {
  campaign: Campaign;
  total: CampaignFunnel;
  runs: readonly { run: CampaignRun; funnel: CampaignFunnel }[];
  /** Managers told about their reports; absent = not shown. */
  escalations?: { managers: number; people: number; failedManagers: number };
  /** A line above the title: why this card came (a run finished, a change applied). */
  headline?: string;
  /** Whether the reader may pause, resume or cancel (campaign managers). */
  canChange: boolean;
  now: Date;
  /** Which page of runs the table shows, newest first: 0 (the default) is the latest MAX_RUN_ROWS. */
  runsPage?: number;
}

/** Runs in the table at a time, newest first; the funnel above counts them all, and older runs are a press away. */
export const MAX_RUN_ROWS = 6;

/** The page of runs asked for (kept within the pages there are), newest first, and the words under the table. */
function runsOnPage(view: CampaignStatusView): { page: number; runs: CampaignStatusView['runs']; note: string; more: boolean } {
  const all = view.runs.length;
  const pages = Math.max(1, Math.ceil(all / MAX_RUN_ROWS));
  const page = Math.min(Math.max(0, Math.floor(view.runsPage ?? 0)), pages - 1);
  const newestFirst = [...view.runs].reverse();
  const runs = newestFirst.slice(page * MAX_RUN_ROWS, (page + 1) * MAX_RUN_ROWS);
  const first = page * MAX_RUN_ROWS + 1;
  const note = all > MAX_RUN_ROWS ? `Runs ${first}–${first + runs.length - 1} of ${all}, newest first.` : '';
  return { page, runs, note, more: page < pages - 1 };
}

const REASONS: Record<string, string> = {
  blocked: 'blocked the bot',
  notInstallable: 'app could not be installed for them',
  failed: 'Teams refused the message',
};

export function durationText(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} days`;
}

/** "0", "6 (blocked the bot)", or "7: 6 blocked the bot, 1 app could not be installed for them". */
function failedText(funnel: CampaignFunnel): string {
  if (funnel.failed === 0) return '0';
  const reasons = Object.entries(funnel.failedBy);
  const why = (reason: string) => REASONS[reason] ?? reason;
  if (reasons.length === 1) return `${countText(funnel.failed)} (${why(reasons[0]![0])})`;
  return `${countText(funnel.failed)}: ${reasons.map(([reason, n]) => `${countText(n)} ${why(reason)}`).join(', ')}`;
}

function escalationFact(escalations: { managers: number; people: number; failedManagers: number }): { title: string; value: string } {
  const told =
    escalations.managers === 0
      ? 'none yet'
      : `${countText(escalations.managers)} (about ${countText(escalations.people)} ${escalations.people === 1 ? 'person' : 'people'})`;
  return {
    title: 'Managers told',
    value: escalations.failedManagers > 0 ? `${told}; ${countText(escalations.failedManagers)} could not be reached` : told,
  };
}

const WAITING_TEXT: Record<WaitingReason, { many: string; at: string }> = {
  window: { many: 'until their delivery window opens', at: 'the first at' },
  cap: { many: 'held by the frequency cap, having had a nudge lately', at: 'the first free at' },
  snoozed: { many: 'snoozed', at: 'the first until' },
  teamsRate: { many: "slowed by Teams' rate", at: 'again from' },
  retry: { many: 'to be tried again after a passing failure', at: 'from' },
  due: { many: 'due now, about to be sent', at: 'due' },
  sending: { many: 'being sent', at: 'since' },
};

const PERSON_WAITING_TEXT: Record<WaitingReason, string> = {
  window: 'their delivery window opens',
  cap: 'the frequency cap lets the next nudge go',
  snoozed: 'their snooze ends',
  teamsRate: "Teams' rate allows",
  retry: 'tried again',
  due: 'due',
  sending: 'being sent',
};

/**
 * "Waiting 7: 5 until their delivery window opens (the first at …); 2 held by the frequency cap (…)", then the first
 * few people to be reached, each with why and when: a campaign manager sees what holds it back, and what to change.
 */
function waitingFacts(funnel: CampaignFunnel): { title: string; value: string }[] {
  const detail = funnel.waitingDetail;
  if (!detail) return [{ title: 'Waiting', value: countText(funnel.waiting) }];
  const reasons = detail.byReason.map(({ reason, people, soonest }) => {
    const when = soonest && reason !== 'due' && reason !== 'sending' ? ` (${WAITING_TEXT[reason].at} ${utcDateTimeText(soonest)})` : '';
    return `${countText(people)} ${WAITING_TEXT[reason].many}${when}`;
  });
  const people = detail.next.map((person) => ({
    title: `· ${person.displayName ? directoryText(person.displayName, TEXT_LIMITS.displayName) : 'someone who left the directory'}`,
    value:
      person.at && person.reason !== 'due' && person.reason !== 'sending'
        ? `${PERSON_WAITING_TEXT[person.reason]} ${utcDateTimeText(person.at)}`
        : PERSON_WAITING_TEXT[person.reason],
  }));
  return [{ title: 'Waiting', value: `${countText(funnel.waiting)}: ${reasons.join('; ')}` }, ...people];
}

/** The funnel as facts: each stage once, the failures by reason, never a stage that is always zero hidden. */
export function funnelFacts(funnel: CampaignFunnel, words: OutcomeWords): { title: string; value: string }[] {
  return [
    { title: 'Targeted', value: countText(funnel.targeted) },
    { title: 'Delivered', value: countText(funnel.delivered) },
    ...(funnel.waiting > 0 ? waitingFacts(funnel) : []),
    { title: 'Failed', value: failedText(funnel) },
    ...(funnel.uncertain > 0
      ? [{ title: 'Uncertain', value: `${countText(funnel.uncertain)} (Teams did not confirm them; not sent again)` }]
      : []),
    ...(funnel.skipped > 0
      ? [{ title: 'Not needed', value: `${countText(funnel.skipped)} (set up meanwhile, left, or at their cap)` }]
      : []),
    ...(funnel.cancelled > 0 ? [{ title: 'Cancelled', value: countText(funnel.cancelled) }] : []),
    ...(words.countsCardActions
      ? [
          { title: 'Opened', value: countText(funnel.opened) },
          { title: 'Snoozed', value: countText(funnel.snoozed) },
        ]
      : []),
    { title: words.fact, value: countText(funnel.enrolled) },
    { title: words.median, value: funnel.medianMinutesToEnrol === undefined ? '–' : durationText(funnel.medianMinutesToEnrol) },
  ];
}

export function campaignStatusCard(view: CampaignStatusView): AdaptiveCard {
  const { campaign, total } = view;
  const state = STATUS_TEXT[campaign.status];
  const words = outcomeWords(campaign);
  const stages = [
    { x: 'Targeted', y: total.targeted, color: 'categoricalBlue' },
    { x: 'Delivered', y: total.delivered, color: 'categoricalTeal' },
    ...(words.countsCardActions ? [{ x: 'Opened', y: total.opened, color: 'categoricalPurple' }] : []),
    { x: words.stage, y: total.enrolled, color: 'good' },
  ];
  const { page, runs, note, more } = runsOnPage(view);
  const action = (title: string, change: string, style: string) => ({
    title,
    verb: VERBS.campaignChange,
    campaignId: campaign.id,
    change,
    runsPage: 0,
    style,
  });
  const status = (title: string, runsPage: number) => ({
    title,
    verb: VERBS.campaignStatus,
    campaignId: campaign.id,
    change: '',
    runsPage,
    style: 'default',
  });
  const actions = [
    status('Refresh', page),
    ...(more ? [status('Older runs', page + 1)] : []),
    ...(page > 0 ? [status('Newer runs', page - 1)] : []),
    ...(view.canChange && campaign.status === 'active' ? [action('Pause', 'pause', 'default')] : []),
    ...(view.canChange && campaign.status === 'paused' ? [action('Resume', 'resume', 'positive')] : []),
    ...(view.canChange && (campaign.status === 'active' || campaign.status === 'paused')
      ? [action('Cancel campaign', 'cancel', 'destructive')]
      : []),
  ];
  return renderCard('campaign-status', {
    headline: view.headline ?? '',
    title: campaignTitle(campaign),
    stateText: state.text,
    stateColor: state.color,
    // What keeps the campaign from going on as planned comes first: its owner has to act on it.
    planFacts: [...(campaign.problem ? [{ title: 'Needs attention', value: campaign.problem.text }] : []), ...planFacts(campaign)],
    chartTitle: 'People at each stage',
    bars: total.targeted > 0 ? stages : [],
    chartFallback: stages.map((s) => `${s.x} ${countText(s.y)}`).join(' → '),
    outcomeStage: words.stage,
    funnelFacts: [...funnelFacts(total, words), ...(campaign.escalateAfter && view.escalations ? [escalationFact(view.escalations)] : [])],
    runs: runs.map(({ run, funnel }) => ({
      when: `${utcDateTimeText(run.scheduledFor)}${run.status === 'delivering' ? ' (delivering)' : run.status === 'cancelled' ? ' (cancelled)' : ''}`,
      targeted: countText(funnel.targeted),
      delivered: countText(funnel.delivered),
      enrolled: countText(funnel.enrolled),
    })),
    runsNote: note,
    footnote: `Each person counts once across runs. ${words.footnote} As of ${utcDateTimeText(view.now)}. Say "campaign export ${campaign.number}" for every delivery as CSV.`,
    actions,
  });
}

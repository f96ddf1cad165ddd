import type { Campaign, CampaignStatus } from '../domain/campaigns/campaign';
import type { CampaignChange } from '../domain/campaigns/campaign-command';
import { funnelOfCounts, noPeopleCounted, type CampaignFunnel, type CampaignHeadline } from '../domain/campaigns/campaign-funnel';
import { parseCampaignPlan, type CampaignForm } from '../domain/campaigns/campaign-plan';
import type { CampaignRun } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { CampaignReports } from '../domain/ports/campaign-reports';
import type { EscalationLedger } from '../domain/ports/escalation-ledger';
import type { NudgeTarget } from '../domain/nudges/nudge-target';
import { checkCampaignAudience, withGroupFound, type AudienceCheckDeps, type CampaignPreview } from './preview-campaign';

export interface CampaignManagementDeps {
  campaigns: CampaignRecords & Pick<CampaignRuns, 'runs'> & CampaignReports & Pick<EscalationLedger, 'escalationCounts'>;
  /** Queues the campaign's next run (on creation, on resume); undefined when its schedule has none left. */
  scheduleNext(campaign: Campaign): Promise<Date | undefined>;
  now: () => Date;
  /** What a campaign asks for when its form does not say (the NUDGE_TARGET setting); unset: Microsoft Authenticator. */
  defaultTarget?: NudgeTarget;
  /** The latest scan and the directory, to check an audience and count it before a campaign is created. */
  audience?: AudienceCheckDeps;
}

export type CreateCampaignResult =
  | { kind: 'created'; campaign: Campaign; firstRun?: Date; preview?: CampaignPreview }
  | { kind: 'invalid'; problems: string[]; preview?: CampaignPreview };

/** What the form's Preview button answers: the form's problems, or whom the campaign would reach now. */
export type CampaignPreviewResult = { problems: string[]; preview?: CampaignPreview; note?: string };

/** Reads the form and counts its audience against the latest scan, creating nothing. */
export async function previewCampaign(deps: CampaignManagementDeps, typed: CampaignForm): Promise<CampaignPreviewResult> {
  const found = await withGroupFound(deps.audience, typed);
  if ('problems' in found) return found;
  const parsed = parseCampaignPlan(found.form, deps.now(), deps.defaultTarget);
  if ('problems' in parsed) return { problems: parsed.problems };
  return deps.audience ? checkCampaignAudience(deps.audience, parsed.plan) : { problems: [] };
}

/** A campaign from the form, owned by whoever sent it, with its first run queued. */
export async function createCampaign(
  deps: CampaignManagementDeps,
  form: CampaignForm,
  owner: { id: string; name: string },
): Promise<CreateCampaignResult> {
  const found = await withGroupFound(deps.audience, form);
  if ('problems' in found) return { kind: 'invalid', problems: found.problems };
  const parsed = parseCampaignPlan(found.form, deps.now(), deps.defaultTarget);
  if ('problems' in parsed) return { kind: 'invalid', problems: parsed.problems };
  // A misspelt department or a group that does not exist would reach nobody, silently: refused with what exists.
  const check = deps.audience ? await checkCampaignAudience(deps.audience, parsed.plan) : { problems: [] };
  const preview = check.preview ? { preview: check.preview } : {};
  if (check.problems.length > 0) return { kind: 'invalid', problems: check.problems, ...preview };
  const campaign = await deps.campaigns.create(parsed.plan, owner, deps.now());
  const firstRun = await deps.scheduleNext(campaign);
  return { kind: 'created', campaign, ...(firstRun ? { firstRun } : {}), ...preview };
}

export type ChangeCampaignResult =
  | { kind: 'changed'; campaign: Campaign; nextRun?: Date }
  /** The campaign is not in a state this change applies to (resume what is not paused, …). */
  | { kind: 'notApplicable'; campaign: Campaign }
  | { kind: 'unknownCampaign' };

const TRANSITIONS: Record<CampaignChange, { to: CampaignStatus; from: CampaignStatus[] }> = {
  pause: { to: 'paused', from: ['active'] },
  resume: { to: 'active', from: ['paused'] },
  cancel: { to: 'cancelled', from: ['active', 'paused'] },
};

/**
 * Pause stops claims at once (a nudge already on its way finishes); resume picks up the pending deliveries and
 * queues the next run; cancel also cancels every pending delivery. Each applies only from the states that make
 * sense, checked in the same statement that changes it, so two managers pressing at once cannot both apply one.
 */
export async function changeCampaign(deps: CampaignManagementDeps, ref: string, change: CampaignChange): Promise<ChangeCampaignResult> {
  const found = await deps.campaigns.find(ref);
  if (!found) return { kind: 'unknownCampaign' };
  const { to, from } = TRANSITIONS[change];
  const result = await deps.campaigns.setStatus(found.id, to, from, deps.now());
  if (!result) return { kind: 'unknownCampaign' };
  if (!result.changed) return { kind: 'notApplicable', campaign: result.campaign };
  if (change !== 'resume') return { kind: 'changed', campaign: result.campaign };
  const nextRun = await deps.scheduleNext(result.campaign);
  return { kind: 'changed', campaign: result.campaign, ...(nextRun ? { nextRun } : {}) };
}

/** What reading one campaign's report takes: the campaign, its runs, what followed its deliveries, its escalations. */
export type CampaignReading = Pick<CampaignRecords, 'find'> &
  Pick<CampaignRuns, 'runs'> &
  Pick<CampaignReports, 'funnelCounts'> &
  Pick<EscalationLedger, 'escalationCounts'>;

export interface CampaignReport {
  campaign: Campaign;
  /** The whole campaign, each person counted once. */
  total: CampaignFunnel;
  /** Oldest first. */
  runs: { run: CampaignRun; funnel: CampaignFunnel }[];
  /** Managers told about their direct reports (escalation), and about how many people. */
  escalations: { managers: number; people: number; failedManagers: number };
}

/** A campaign's funnel, as a whole and per run. */
export async function readCampaignReport(deps: { campaigns: CampaignReading }, ref: string): Promise<CampaignReport | undefined> {
  const campaign = await deps.campaigns.find(ref);
  if (!campaign) return undefined;
  // Counted by the store: a campaign of two hundred thousand deliveries is not read into memory to be counted.
  const [runs, counts, escalations] = await Promise.all([
    deps.campaigns.runs(campaign.id),
    deps.campaigns.funnelCounts(campaign.id),
    deps.campaigns.escalationCounts(campaign.id),
  ]);
  return {
    campaign,
    total: funnelOfCounts(counts.total),
    runs: runs.map((run) => ({ run, funnel: funnelOfCounts(counts.byRun.get(run.id) ?? noPeopleCounted()) })),
    escalations,
  };
}

/** The latest campaigns with their funnels, for the list. */
export async function listCampaigns(
  deps: { campaigns: Pick<CampaignRecords, 'list'> & Pick<CampaignReports, 'headlines'> },
  limit: number,
): Promise<{ campaign: Campaign; total: CampaignHeadline }[]> {
  const campaigns = await deps.campaigns.list(limit);
  const headlines = await deps.campaigns.headlines(campaigns.map((campaign) => campaign.id));
  return campaigns.map((campaign) => ({ campaign, total: headlines.get(campaign.id) ?? { targeted: 0, delivered: 0, enrolled: 0 } }));
}

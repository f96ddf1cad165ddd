import type { Campaign } from '../domain/campaigns/campaign';
import { smtpCardRequestKey, type CampaignDelivery, type CampaignRun, type DeliveryResult } from '../domain/campaigns/campaign-run';
import type { CampaignRecords } from '../domain/ports/campaign-store';
import type { CampaignRuns } from '../domain/ports/campaign-runs';
import type { DeliveryQueue } from '../domain/ports/delivery-queue';
import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { Person } from '../domain/ports/directory';
import { budgetGate, once } from '../domain/nudges/send-gates';
import type { SendGate, SendPace } from '../domain/ports/send-gate';
import { recordWithRetries } from './record-with-retries';
import type { NudgeRequest, NudgeResult } from './send-nudge';
import type { SmtpOwnerNudgeRequest, SmtpOwnerNudgeResult } from './send-smtp-owner-nudge';
import { deliveryResultOf, retryLater, smtpCardResultOf } from './campaign-delivery-results';
import { isSmtpAudience } from '../domain/campaigns/campaign-audience';
import { messageOf } from '../domain/errors';

export interface DeliverCampaignDeps {
  store: DeliveryQueue & Pick<CampaignRecords, 'get'> & Pick<CampaignRuns, 'finishRunIfDone' | 'finishSettledRuns'>;
  /** sendNudge with its dependencies: the live check, sending hours, the cap across sources, the chat and the send. */
  send: (request: NudgeRequest) => Promise<NudgeResult>;
  /** A card to the owner of accounts that send mail with a password: how campaigns for such owners deliver. */
  sendSmtp?: (request: SmtpOwnerNudgeRequest) => Promise<SmtpOwnerNudgeResult>;
  /** The person as the latest completed scan saw them (PostureStore.findUser). */
  scanned: (userId: string) => Promise<UserMfaStatus | undefined>;
  now: () => Date;
  /** This engine's name on its claims (several bot instances may share the database). */
  worker: string;
  /** How long a claim stays this worker's; past it, the claim returns to the others (this worker is presumed dead). */
  leaseMs: number;
  /** Waits for this request's place in the send budget (before each card, and before a new chat). */
  pace?: SendPace;
  random?: () => number;
  /** Runs each delivery's work in a context of its own (the engine's: its run's id on every log line). */
  within?: <T>(delivery: CampaignDelivery, work: () => Promise<T>) => Promise<T>;
}

const noResults = (): Record<DeliveryResult['kind'], number> => ({ sent: 0, failed: 0, skipped: 0, later: 0, uncertain: 0 });

export interface BatchReport {
  claimed: number;
  results: Record<DeliveryResult['kind'], number>;
  /** The same results for each run the batch sent for, by run id (the engine logs each run's on its own line). */
  byRun: Map<string, Record<DeliveryResult['kind'], number>>;
  /** Runs this batch finished: their owners get the summary. */
  finishedRuns: CampaignRun[];
}

/** A campaign of a claimed batch: its plan (undefined once deleted), and how many nudges its people have had from it. */
interface ClaimedCampaign {
  campaign: Campaign | undefined;
  sent: Map<string, number>;
}

/** Deliveries claimed for one batch, with what their sending needs to know once per campaign. */
export interface ClaimedBatch {
  deliveries: CampaignDelivery[];
  /** Per campaign in the batch: its plan, and how many nudges its people have had from it. */
  campaigns: Map<string, ClaimedCampaign>;
  /** Runs finished while claiming, with nothing due: those whose last deliveries no batch of theirs settled. */
  finishedRuns: CampaignRun[];
}

/**
 * One batch of the delivery engine: claims deliveries that are due, sends each as a campaign nudge (one at a time
 * per person: a person is in a run once), records each result, and finishes the runs left with nothing to do.
 *
 * At least once: a claim whose worker dies before its message started on its way to Teams returns to pending when
 * the lease runs out, and another worker sends it. At most once: the delivery is marked just before the message
 * goes, and a marked delivery is never sent again (if its worker died, it is recorded as uncertain); a result is
 * recorded only by the worker holding the claim.
 */
export async function deliverDueBatch(deps: DeliverCampaignDeps, limit: number): Promise<BatchReport> {
  return sendClaimedBatch(deps, await claimDueBatch(deps, limit));
}

/** The first half of a batch: what is due now, claimed for this worker until its lease runs out. */
export async function claimDueBatch(deps: DeliverCampaignDeps, limit: number): Promise<ClaimedBatch> {
  const now = deps.now();
  await deps.store.reclaimExpired(now);
  const deliveries = await deps.store.claimDue(now, limit, deps.worker, new Date(now.getTime() + deps.leaseMs));
  // A batch finishes the runs of its own deliveries. A run whose last deliveries were settled otherwise (a dead
  // worker's sends, settled when their claim ran out) or whose finish failed to be written would stay "delivering"
  // for ever: with nothing due, such runs are looked for (found by bench:chaos).
  const finishedRuns = deliveries.length === 0 ? await deps.store.finishSettledRuns(now) : [];
  // Once per campaign in the batch, not per delivery.
  const campaigns: ClaimedBatch['campaigns'] = new Map();
  for (const campaignId of new Set(deliveries.map((delivery) => delivery.campaignId))) {
    const userIds = deliveries.filter((delivery) => delivery.campaignId === campaignId).map((delivery) => delivery.userId);
    campaigns.set(campaignId, { campaign: await deps.store.get(campaignId), sent: await deps.store.sentCounts(campaignId, userIds) });
  }
  return { deliveries, campaigns, finishedRuns };
}

/**
 * The second half: sends a claimed batch and records what happened. `placed` is called once every delivery of the
 * batch holds its place in the send budget or has settled without one: from then on the batch only waits for its
 * turns, and the engine may claim the next batch so that its checks overlap these sends.
 */
export async function sendClaimedBatch(deps: DeliverCampaignDeps, batch: ClaimedBatch, placed?: () => void): Promise<BatchReport> {
  const { deliveries, campaigns } = batch;
  const report: BatchReport = {
    claimed: deliveries.length,
    results: noResults(),
    byRun: new Map(),
    finishedRuns: [...batch.finishedRuns],
  };
  let unplaced = deliveries.length;
  if (unplaced === 0) placed?.();
  const within = deps.within ?? ((_delivery, work) => work());
  await Promise.all(
    deliveries.map((delivery) =>
      within(delivery, async () => {
        const place = once(() => {
          if (--unplaced === 0) placed?.();
        });
        try {
          const recorded = await settleOne(deps, campaigns.get(delivery.campaignId)!, delivery, place);
          if (recorded) count(report, delivery.runId, recorded.kind);
        } finally {
          place();
        }
      }),
    ),
  );
  for (const runId of new Set(deliveries.map((delivery) => delivery.runId))) {
    const finished = await recordWithRetries(() => deps.store.finishRunIfDone(runId, deps.now()));
    if (finished) report.finishedRuns.push(finished);
  }
  return report;
}

/** Sends one delivery (or decides not to) and records its result; answers the result once it is recorded. */
async function settleOne(
  deps: DeliverCampaignDeps,
  { campaign, sent }: ClaimedCampaign,
  delivery: CampaignDelivery,
  place: () => void,
): Promise<DeliveryResult | undefined> {
  let result: DeliveryResult;
  try {
    result = campaign
      ? await deliverOne(deps, campaign, sent.get(delivery.userId) ?? 0, delivery, place)
      : { kind: 'skipped', reason: 'campaign gone' };
  } catch (error) {
    // A step before the send failed (the scan's view of the person, say): deliverOne keeps what follows the
    // send to itself. This delivery is tried again later; the rest of the batch goes on.
    result = retryLater(messageOf(error), delivery.attempts, deps.now(), deps.random ?? Math.random);
  }
  const recorded = await recordWithRetries(() => deps.store.complete(delivery.id, deps.worker, result, deps.now()));
  return recorded ? result : undefined;
}

/** Counts a recorded result in the batch's totals and in its run's. */
function count(report: BatchReport, runId: string, kind: DeliveryResult['kind']): void {
  report.results[kind] += 1;
  const ofRun = report.byRun.get(runId) ?? noResults();
  ofRun[kind] += 1;
  report.byRun.set(runId, ofRun);
}

async function deliverOne(
  deps: DeliverCampaignDeps,
  campaign: Campaign,
  sentBefore: number,
  delivery: CampaignDelivery,
  placed: () => void,
): Promise<DeliveryResult> {
  if (sentBefore >= campaign.maxNudgesPerPerson) return { kind: 'skipped', reason: 'campaign cap reached' };
  const smtp = isSmtpAudience(campaign.audience);
  // A card about password senders does not depend on its owner's MFA methods, nor on the registration report.
  const scanned = smtp ? undefined : await deps.scanned(delivery.userId);
  if (!smtp && !scanned) return { kind: 'skipped', reason: 'not in the latest scan' };
  if (scanned?.inReport === false) return { kind: 'skipped', reason: 'methods unknown (not in the registration report)' };
  const random = deps.random ?? Math.random;
  // The send's place in the budget is taken right before it goes (after the checks, which may hold it back),
  // then the delivery is marked as on its way: from here a stop means "uncertain", never a second card.
  let claimLost = false;
  let marked = false;
  const gate = budgetGate(deps.pace, {
    placed,
    mark: async () => {
      // Safe to repeat (it sets the same mark under the same claim): a dropped connection does not stop the send.
      claimLost = !(await recordWithRetries(() => deps.store.markSendStarted(delivery.id, deps.worker, deps.now())));
      marked = !claimLost;
      return marked;
    },
  });
  let result: DeliveryResult;
  try {
    result = scanned ? await sendMfaNudge(deps, campaign, delivery, scanned, gate) : await sendSmtpCard(deps, campaign, delivery, gate);
  } catch (error) {
    // An error the sender did not turn into an outcome (the database, a bug). Before the mark: tried again, as a
    // passing failure is. After it: the card may be with the person (Teams took it, then recording it failed).
    const reason = messageOf(error);
    if (marked) return { kind: 'uncertain', reason: `after its card left: ${reason}`.slice(0, 300) };
    return retryLater(reason, delivery.attempts, deps.now(), random);
  }
  // Its lease ran out before it could be marked (this instance was held up): nothing went to Teams, and nothing
  // failed. It is due again now, for whichever instance claims it (if another reclaimed it, this records nothing).
  if (claimLost) return { kind: 'later', at: deps.now(), reason: 'its claim ran out before sending' };
  return result;
}

async function sendMfaNudge(
  deps: DeliverCampaignDeps,
  campaign: Campaign,
  delivery: CampaignDelivery,
  scanned: UserMfaStatus,
  gate: SendGate,
): Promise<DeliveryResult> {
  const result = await deps.send({
    userId: delivery.userId,
    source: 'campaign',
    campaignDeliveryId: delivery.id,
    sendingHours: campaign.window,
    gate,
    known: { person: personOf(scanned), methods: scanned.methods },
    ...(campaign.deadline ? { deadlineDay: campaign.deadline } : {}),
    // A campaign from before the choice asks for what the setting says (the sender's default).
    ...(campaign.target ? { target: campaign.target } : {}),
  });
  return deliveryResultOf(result, delivery.attempts, deps.now(), deps.random ?? Math.random);
}

/**
 * One card to the owner of accounts that send mail with a password, about all of them, kept under the delivery's
 * request key: a retry of the delivery finds the card an earlier try reserved, and never sends a second.
 */
async function sendSmtpCard(
  deps: DeliverCampaignDeps,
  campaign: Campaign,
  delivery: CampaignDelivery,
  gate: SendGate,
): Promise<DeliveryResult> {
  if (!deps.sendSmtp) return { kind: 'failed', reason: 'cards to owners of password senders are not set up' };
  const result = await deps.sendSmtp({
    about: { ownerId: delivery.userId },
    source: 'campaign',
    sendingHours: campaign.window,
    gate,
    requestKey: smtpCardRequestKey(delivery.id),
  });
  return smtpCardResultOf(result, delivery.attempts, deps.now(), deps.random ?? Math.random);
}

/** Who they are as the latest scan saw them: a campaign does not ask Graph again for each of thousands. */
function personOf(scanned: UserMfaStatus): Person {
  return {
    id: scanned.id,
    displayName: scanned.displayName,
    ...(scanned.givenName ? { givenName: scanned.givenName } : {}),
    ...(scanned.department ? { department: scanned.department } : {}),
    ...(scanned.jobTitle ? { jobTitle: scanned.jobTitle } : {}),
  };
}

import { randomUUID } from 'node:crypto';
import type { CampaignDelivery, CampaignRun, DeliveryResult } from '../../src/domain/campaigns/campaign-run';
import { isGuid } from '../../src/domain/guid';
import type { CampaignRuns, DeliveryCounts, WaitingDelivery } from '../../src/domain/ports/campaign-runs';
import type { DeliveryQueue } from '../../src/domain/ports/delivery-queue';
import type { InMemoryCampaignRecords } from './in-memory-campaign-records';

/** The part of the delivery queue this fake keeps: claims and their results, without leases running out. */
export type DeliveryClaims = Pick<DeliveryQueue, 'claimDue' | 'complete' | 'sentCounts'>;

interface KeptDelivery extends CampaignDelivery {
  claimedBy?: string;
}

/**
 * `CampaignRuns` in memory, held to the same contract as the SQL store, with the deliveries it adds and a minimal
 * queue over them (claims and their results). Runs belong to the campaigns of `records`: a cancel there cancels
 * what waits here, and a campaign that is not active has nothing claimed.
 *
 * Not kept: leases that run out (`reclaimExpired`) and the mark before a card leaves (`markSendStarted`). Telling a
 * dead worker's sent card from an uncertain one reads the nudges the sender recorded, so a faithful fake would be
 * a second database; the delivery queue's contract runs on the SQL store only.
 */
export class InMemoryCampaignRuns implements CampaignRuns, DeliveryClaims {
  private readonly runsById = new Map<string, CampaignRun>();
  private readonly deliveries: KeptDelivery[] = [];
  private lastDeliveryId = 0;

  constructor(private readonly records: InMemoryCampaignRecords) {
    records.onCancel((campaignId, at) => this.cancelWaiting(campaignId, at));
  }

  async startRun(anyCaseId: string, scheduledFor: Date, at: Date): Promise<{ run: CampaignRun; created: boolean }> {
    const campaignId = anyCaseId.toLowerCase();
    const existing = [...this.runsById.values()].find(
      (run) => run.campaignId === campaignId && run.scheduledFor.getTime() === scheduledFor.getTime(),
    );
    if (existing) return { run: copyRun(existing), created: false };
    // The database refuses a run of a campaign it does not have.
    if (!this.records.statusOf(campaignId)) throw new Error(`No campaign ${campaignId} to start a run of`);
    const run: CampaignRun = {
      id: randomUUID(),
      campaignId,
      scheduledFor: new Date(scheduledFor),
      startedAt: new Date(at),
      status: 'delivering',
      targeted: 0,
    };
    this.runsById.set(run.id, run);
    return { run: copyRun(run), created: true };
  }

  async addDeliveries(runId: string, deliveries: readonly { userId: string; dueAt: Date }[]): Promise<number> {
    const run = this.runsById.get(runId);
    if (deliveries.length === 0 || !run) return 0;
    let added = 0;
    for (const { userId, dueAt } of deliveries) {
      if (this.deliveries.some((kept) => kept.runId === runId && kept.userId === userId)) continue;
      const id = String(++this.lastDeliveryId);
      this.deliveries.push({ id, runId, campaignId: run.campaignId, userId, dueAt: new Date(dueAt), status: 'pending', attempts: 0 });
      added += 1;
    }
    run.targeted += added;
    return added;
  }

  async audienceAdded(runId: string, at: Date): Promise<CampaignRun | undefined> {
    const run = this.runsById.get(runId);
    if (!run) return undefined;
    run.audienceAddedAt ??= new Date(at);
    return copyRun(run);
  }

  async finishRunIfDone(runId: string, at: Date): Promise<CampaignRun | undefined> {
    const run = this.runsById.get(runId);
    if (!run || !this.settled(run)) return undefined;
    return copyRun(finish(run, at));
  }

  async finishSettledRuns(at: Date): Promise<CampaignRun[]> {
    const settled = [...this.runsById.values()].filter((run) => this.settled(run));
    return settled.map((run) => copyRun(finish(run, at)));
  }

  /** Delivering, with its whole audience added and nothing of it waiting or on its way. */
  private settled(run: CampaignRun): boolean {
    return run.status === 'delivering' && run.audienceAddedAt !== undefined && !this.deliveriesOf(run.id).some(unsettled);
  }

  async runs(campaignId: string): Promise<CampaignRun[]> {
    if (!isGuid(campaignId)) return [];
    return [...this.runsById.values()]
      .filter((run) => run.campaignId === campaignId.toLowerCase())
      .sort((a, b) => a.scheduledFor.getTime() - b.scheduledFor.getTime())
      .map(copyRun);
  }

  async deliveryCounts(runId: string): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0, uncertain: 0, failedBy: {} };
    for (const delivery of this.deliveriesOf(runId)) {
      counts[delivery.status] += 1;
      if (delivery.status === 'failed') {
        const reason = delivery.reason ?? 'unknown';
        counts.failedBy[reason] = (counts.failedBy[reason] ?? 0) + 1;
      }
    }
    return counts;
  }

  async waiting(runId: string): Promise<WaitingDelivery[]> {
    return this.deliveriesOf(runId)
      .filter((delivery) => delivery.status === 'pending')
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id) - Number(b.id))
      .map((delivery) => ({
        userId: delivery.userId,
        dueAt: new Date(delivery.dueAt),
        ...(delivery.reason ? { reason: delivery.reason } : {}),
      }));
  }

  async claimDue(now: Date, limit: number, worker: string, _leaseUntil: Date): Promise<CampaignDelivery[]> {
    const due = this.deliveries
      .filter((d) => d.status === 'pending' && d.dueAt.getTime() <= now.getTime() && this.records.statusOf(d.campaignId) === 'active')
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || Number(a.id) - Number(b.id))
      .slice(0, limit);
    for (const delivery of due) {
      delivery.status = 'sending';
      delivery.claimedBy = worker;
      delivery.attempts += 1;
    }
    return due.map(copyDelivery);
  }

  async complete(deliveryId: string, worker: string, result: DeliveryResult, _at: Date): Promise<boolean> {
    const delivery = this.deliveries.find((d) => d.id === deliveryId);
    if (delivery?.status !== 'sending' || delivery.claimedBy !== worker) return false;
    delete delivery.claimedBy;
    delete delivery.reason;
    delete delivery.nudgeId;
    if (result.kind === 'later') {
      Object.assign(delivery, { status: 'pending', reason: result.reason, dueAt: new Date(result.at) });
    } else if (result.kind === 'sent') {
      Object.assign(delivery, { status: 'sent', nudgeId: result.nudgeId });
    } else {
      Object.assign(delivery, { status: result.kind, reason: result.reason });
    }
    return true;
  }

  async sentCounts(campaignId: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const delivery of this.deliveries) {
      if (delivery.campaignId !== campaignId || delivery.status !== 'sent' || !userIds.includes(delivery.userId)) continue;
      counts.set(delivery.userId, (counts.get(delivery.userId) ?? 0) + 1);
    }
    return counts;
  }

  private deliveriesOf(runId: string): KeptDelivery[] {
    return this.deliveries.filter((delivery) => delivery.runId === runId);
  }

  /** Pending deliveries stop at once; one being sent finishes, and its worker records it. */
  private cancelWaiting(campaignId: string, at: Date): void {
    for (const delivery of this.deliveries) {
      if (delivery.campaignId === campaignId && delivery.status === 'pending')
        Object.assign(delivery, { status: 'cancelled', reason: 'campaign cancelled' });
    }
    for (const run of this.runsById.values()) {
      if (run.campaignId === campaignId && run.status === 'delivering')
        Object.assign(run, { status: 'cancelled', finishedAt: new Date(at) });
    }
  }
}

const unsettled = (delivery: CampaignDelivery) => delivery.status === 'pending' || delivery.status === 'sending';

function finish(run: CampaignRun, at: Date): CampaignRun {
  return Object.assign(run, { status: 'finished', finishedAt: new Date(at) });
}

function copyRun(run: CampaignRun): CampaignRun {
  return {
    ...run,
    scheduledFor: new Date(run.scheduledFor),
    startedAt: new Date(run.startedAt),
    ...(run.finishedAt ? { finishedAt: new Date(run.finishedAt) } : {}),
    ...(run.audienceAddedAt ? { audienceAddedAt: new Date(run.audienceAddedAt) } : {}),
  };
}

function copyDelivery({ claimedBy: _claimedBy, ...delivery }: KeptDelivery): CampaignDelivery {
  return { ...delivery, dueAt: new Date(delivery.dueAt) };
}

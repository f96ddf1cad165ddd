import { randomUUID } from 'node:crypto';
import { isGuid } from '../../src/domain/guid';
import type { Nudge, NudgeAction, NudgeSeries } from '../../src/domain/nudges/nudge';
import type {
  DeliveryRecord,
  NudgeRequestRecord,
  NudgeStore,
  RecordedNudge,
  Reservation,
  ReservationDecision,
} from '../../src/domain/ports/nudge-store';

/** A nudge as kept, with what the port hands back only in part: its delivery, its request's key, when it left, the reason code. */
interface KeptNudge {
  nudge: Nudge;
  campaignDeliveryId?: string;
  requestKey?: string;
  sendStartedAt?: Date;
  detail?: string;
}

const ABANDONED = 'abandoned: its sender stopped before sending';

/**
 * `NudgeStore` in memory, held to the same contract as the SQL store. Each call runs to its end without waiting
 * in between, so two senders at once are one after the other, as the SQL store's lock on the person makes them.
 */
export class InMemoryNudgeStore implements NudgeStore {
  private readonly series = new Map<string, NudgeSeries>();
  private readonly nudges = new Map<string, KeptNudge>();
  private readonly actions: NudgeAction[] = [];

  async reserve(
    request: NudgeRequestRecord,
    sentSince: Date,
    decide: (series: NudgeSeries, sentAt: Date[]) => ReservationDecision,
  ): Promise<Reservation> {
    const series = this.openSeriesOf(request.userId) ?? this.startSeries(request.userId, request.now);
    if (request.campaignDeliveryId) {
      for (const kept of this.nudges.values())
        if (kept.campaignDeliveryId === request.campaignDeliveryId && kept.nudge.status === 'sending') abandon(kept);
    }
    if (request.requestKey) {
      const earlier = [...this.nudges.values()].find((kept) => kept.requestKey === request.requestKey);
      if (earlier && earlier.nudge.status === 'sending' && !earlier.sendStartedAt) {
        abandon(earlier);
        delete earlier.requestKey;
      } else if (earlier) {
        return { kind: 'repeated', nudge: structuredClone(earlier.nudge) };
      }
    }
    const sentAt = [...this.nudges.values()].flatMap(({ nudge }) =>
      nudge.userId === request.userId && nudge.sentAt && nudge.sentAt >= sentSince ? [new Date(nudge.sentAt)] : [],
    );
    const decision = decide(structuredClone(series), sentAt);
    if (decision.kind === 'deferred') return decision;
    const nudge: Nudge = {
      id: randomUUID(),
      seriesId: series.id,
      userId: request.userId,
      source: request.source,
      ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
      createdAt: new Date(request.now),
      recipientName: request.recipientName,
      greetingName: request.greetingName,
      strength: request.strength,
      methods: [...request.methods],
      ...(request.deadline ? { deadline: new Date(request.deadline) } : {}),
      ...(request.target ? { target: request.target } : {}),
      status: 'sending',
      sentAt: new Date(request.now),
    };
    this.nudges.set(nudge.id, {
      nudge,
      ...(request.campaignDeliveryId ? { campaignDeliveryId: request.campaignDeliveryId } : {}),
      ...(request.requestKey ? { requestKey: request.requestKey } : {}),
    });
    return { kind: 'reserved', nudge: structuredClone(nudge), series: structuredClone(series) };
  }

  async markSendStarted(nudgeId: string, at: Date): Promise<boolean> {
    const kept = this.nudges.get(nudgeId);
    if (kept?.nudge.status !== 'sending') return false;
    kept.sendStartedAt = new Date(at);
    return true;
  }

  async recordDelivery(nudgeId: string, delivery: DeliveryRecord, at: Date): Promise<void> {
    const kept = this.nudges.get(nudgeId);
    if (kept?.nudge.status !== 'sending') return;
    const counts = delivery.status === 'sent' || delivery.status === 'uncertain';
    const { sentAt, conversationId: _conversation, activityId: _activity, ...rest } = kept.nudge;
    kept.nudge = {
      ...rest,
      status: delivery.status,
      ...(counts ? { sentAt: sentAt ?? new Date(at) } : {}),
      ...(delivery.conversationId ? { conversationId: delivery.conversationId } : {}),
      ...(delivery.activityId ? { activityId: delivery.activityId } : {}),
    };
    kept.detail = delivery.detail;
  }

  async find(nudgeId: string): Promise<{ nudge: Nudge; series: NudgeSeries } | undefined> {
    if (!isGuid(nudgeId)) return undefined;
    const kept = this.nudges.get(nudgeId);
    if (!kept) return undefined;
    return { nudge: structuredClone(kept.nudge), series: structuredClone(this.series.get(kept.nudge.seriesId)!) };
  }

  async latestTo(userId: string): Promise<RecordedNudge | undefined> {
    // The newest by when it was made; of two made at the same instant, the one reserved last.
    const latest = [...this.nudges.values()]
      .filter(({ nudge }) => nudge.userId === userId)
      .reduce<KeptNudge | undefined>(
        (newest, kept) => (newest && newest.nudge.createdAt > kept.nudge.createdAt ? newest : kept),
        undefined,
      );
    return latest && { nudge: structuredClone(latest.nudge), ...(latest.detail ? { detail: latest.detail } : {}) };
  }

  async openSeries(userId: string): Promise<NudgeSeries | undefined> {
    const open = this.openSeriesOf(userId);
    return open && structuredClone(open);
  }

  async snooze(seriesId: string, until: Date, expectedUsed: number): Promise<boolean> {
    const series = this.series.get(seriesId);
    if (!series || series.endedAt || series.snoozesUsed !== expectedUsed) return false;
    series.snoozesUsed += 1;
    series.snoozedUntil = new Date(until);
    return true;
  }

  async endSeries(seriesId: string, reason: 'enrolled', at: Date): Promise<void> {
    const series = this.series.get(seriesId);
    if (!series || series.endedAt) return;
    series.endedAt = new Date(at);
    series.endReason = reason;
    delete series.snoozedUntil;
  }

  async recordAction(action: NudgeAction): Promise<void> {
    // The SQL store's reference from an action to its nudge refuses an action on a nudge it does not know.
    if (!this.nudges.has(action.nudgeId)) throw new Error(`No nudge ${action.nudgeId} to record an action on`);
    this.actions.push(structuredClone(action));
  }

  async actionsOf(nudgeId: string): Promise<NudgeAction[]> {
    return this.actions.filter((action) => action.nudgeId === nudgeId).map((action) => structuredClone(action));
  }

  private openSeriesOf(userId: string): NudgeSeries | undefined {
    return [...this.series.values()].find((series) => series.userId === userId && !series.endedAt);
  }

  private startSeries(userId: string, at: Date): NudgeSeries {
    const series: NudgeSeries = { id: randomUUID(), userId, startedAt: new Date(at), snoozesUsed: 0 };
    this.series.set(series.id, series);
    return series;
  }
}

/** Given up: it never left, so it stops counting towards the cap. */
function abandon(kept: KeptNudge): void {
  const { sentAt: _sentAt, ...rest } = kept.nudge;
  kept.nudge = { ...rest, status: 'failed' };
  kept.detail = ABANDONED;
}

import { randomUUID } from 'node:crypto';
import type {
  SmtpOwnerNudge,
  SmtpOwnerNudgeRequest,
  SmtpOwnerNudges,
  SmtpOwnerNudgeStatus,
  SmtpOwnerReservation,
} from '../../src/domain/ports/smtp-owner-nudges';

/** A card as kept, with what the port does not hand back: its request's key and when it left. */
interface KeptNudge {
  nudge: SmtpOwnerNudge;
  requestKey?: string;
  sendStartedAt?: Date;
}

const ABANDONED = 'an earlier attempt stopped before its card left';
const COUNTING: readonly SmtpOwnerNudgeStatus[] = ['sending', 'sent', 'uncertain'];

/**
 * `SmtpOwnerNudges` in memory, held to the same contract as the SQL store. Each call runs to its end without waiting
 * in between, so two senders at once are one after the other, as the SQL store's lock on the owner makes them.
 * Kept in reservation order, so that of two cards made at the same instant the later one lists first.
 */
export class InMemorySmtpOwnerNudges implements SmtpOwnerNudges {
  private readonly kept: KeptNudge[] = [];

  async reserve(
    request: SmtpOwnerNudgeRequest,
    sentSince: Date,
    decide: (sentAt: Date[]) => { kind: 'go' } | { kind: 'deferred'; reason: 'frequencyCap'; notBefore: Date },
  ): Promise<SmtpOwnerReservation> {
    if (request.requestKey) {
      const earlier = this.kept.find((kept) => kept.requestKey === request.requestKey);
      if (earlier && earlier.nudge.status === 'sending' && !earlier.sendStartedAt) {
        earlier.nudge = { ...earlier.nudge, status: 'failed', detail: ABANDONED };
        delete earlier.requestKey;
      } else if (earlier) {
        return { kind: 'repeated', nudge: structuredClone(earlier.nudge) };
      }
    }
    const sentAt = this.kept
      .filter(({ nudge }) => nudge.ownerId === request.ownerId && COUNTING.includes(nudge.status))
      .map(({ nudge }) => nudge.sentAt ?? nudge.createdAt)
      .filter((at) => at >= sentSince)
      .sort((a, b) => a.getTime() - b.getTime())
      .map((at) => new Date(at));
    const decision = decide(sentAt);
    if (decision.kind === 'deferred') return decision;
    const nudge: SmtpOwnerNudge = {
      id: randomUUID(),
      ownerId: request.ownerId,
      accountIds: [...request.accountIds],
      source: request.source,
      ...(request.requestedBy !== undefined ? { requestedBy: request.requestedBy } : {}),
      createdAt: new Date(request.now),
      status: 'sending',
    };
    this.kept.push({ nudge, ...(request.requestKey ? { requestKey: request.requestKey } : {}) });
    return { kind: 'reserved', nudge: structuredClone(nudge) };
  }

  async markSendStarted(nudgeId: string, at: Date): Promise<boolean> {
    const kept = this.find(nudgeId);
    if (kept?.nudge.status !== 'sending' || kept.sendStartedAt) return false;
    kept.sendStartedAt = new Date(at);
    return true;
  }

  async recordDelivery(
    nudgeId: string,
    delivery: { status: Exclude<SmtpOwnerNudgeStatus, 'sending'>; detail?: string; conversationId?: string; activityId?: string },
    at: Date,
  ): Promise<void> {
    const kept = this.find(nudgeId);
    // Recorded once, as the SQL store does: a delivery already recorded is never rewritten.
    if (kept?.nudge.status !== 'sending') return;
    const { sentAt: _sentAt, conversationId: _conversation, activityId: _activity, detail: _detail, ...rest } = kept.nudge;
    const counts = delivery.status === 'sent' || delivery.status === 'uncertain';
    kept.nudge = {
      ...rest,
      status: delivery.status,
      ...(counts ? { sentAt: new Date(at) } : {}),
      ...(delivery.conversationId !== undefined ? { conversationId: delivery.conversationId } : {}),
      ...(delivery.activityId !== undefined ? { activityId: delivery.activityId } : {}),
      ...(delivery.detail !== undefined ? { detail: delivery.detail } : {}),
    };
  }

  async latestTo(ownerId: string, limit: number): Promise<SmtpOwnerNudge[]> {
    if (!(limit >= 1)) return [];
    return this.kept
      .map((kept, order) => ({ nudge: kept.nudge, order }))
      .filter(({ nudge }) => nudge.ownerId === ownerId)
      .sort((a, b) => b.nudge.createdAt.getTime() - a.nudge.createdAt.getTime() || b.order - a.order)
      .slice(0, Math.floor(limit))
      .map(({ nudge }) => structuredClone(nudge));
  }

  private find(nudgeId: string): KeptNudge | undefined {
    return this.kept.find((kept) => kept.nudge.id === nudgeId);
  }
}

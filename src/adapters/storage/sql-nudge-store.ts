import type { MethodKind } from '../../domain/mfa/method-kind';
import type { MfaStrength } from '../../domain/mfa/mfa-strength';
import type {
  Nudge,
  NudgeAction,
  NudgeActionKind,
  NudgeActionResult,
  NudgeSeries,
  NudgeSource,
  NudgeStatus,
} from '../../domain/nudges/nudge';
import { isNudgeTarget } from '../../domain/nudges/nudge-target';
import type {
  DeliveryRecord,
  NudgeRequestRecord,
  NudgeStore,
  RecordedNudge,
  Reservation,
  ReservationDecision,
} from '../../domain/ports/nudge-store';
import type { Database } from './database';
import { isGuid } from '../../domain/guid';

const OPEN_SERIES = `
  INSERT INTO nudge_series (user_id, started_at) VALUES ($1, $2)
  ON CONFLICT (user_id) WHERE ended_at IS NULL DO NOTHING`;

const LOCK_OPEN_SERIES = 'SELECT * FROM nudge_series WHERE user_id = $1 AND ended_at IS NULL FOR UPDATE';

const SENT_SINCE = 'SELECT sent_at FROM nudges WHERE user_id = $1 AND sent_at >= $2';

const INSERT_NUDGE = `
  INSERT INTO nudges (series_id, user_id, source, requested_by, deadline, created_at, status, sent_at, recipient_name, greeting_name, strength, methods, campaign_delivery_id, request_key, target)
  VALUES ($1, $2, $3, $4, $5, $6, 'sending', $6, $7, $8, $9, $10::jsonb, $11::bigint, $12, $13)
  RETURNING *`;

/** Only an earlier attempt of the same delivery can have left it, and that attempt never sent its card. */
const ABANDON_EARLIER_ATTEMPT = `
  UPDATE nudges SET status = 'failed', status_detail = 'abandoned: its sender stopped before sending', sent_at = NULL
  WHERE campaign_delivery_id = $1::bigint AND status = 'sending'`;

/** An earlier attempt of the same keyed request that stopped before its card left: given up, its key freed. */
const ABANDON_UNSENT_REPEAT = `
  UPDATE nudges SET status = 'failed', status_detail = 'abandoned: its sender stopped before sending', sent_at = NULL, request_key = NULL
  WHERE request_key = $1 AND status = 'sending' AND send_started_at IS NULL`;

/**
 * A nudge that did not reach the person stops counting towards the cap: sent_at goes. An uncertain one keeps
 * counting (it may have been seen). A nudge already marked uncertain or sent is never rewritten as not sent.
 */
const RECORD_DELIVERY = `
  UPDATE nudges SET status = $2, status_detail = $3, retry_at = $4, conversation_id = $5, activity_id = $6,
    sent_at = CASE WHEN $2 IN ('sent', 'uncertain') THEN COALESCE(sent_at, $7::timestamptz) ELSE NULL END
  WHERE id = $1 AND status = 'sending'`;

const FIND = `
  SELECT n.*, s.started_at AS s_started_at, s.ended_at AS s_ended_at, s.end_reason AS s_end_reason,
         s.snoozes_used AS s_snoozes_used, s.snoozed_until AS s_snoozed_until
  FROM nudges n JOIN nudge_series s ON s.id = n.series_id
  WHERE n.id = $1`;

const SNOOZE = `
  UPDATE nudge_series SET snoozes_used = snoozes_used + 1, snoozed_until = $2
  WHERE id = $1 AND snoozes_used = $3 AND ended_at IS NULL
  RETURNING id`;

interface SeriesRow {
  id: string;
  user_id: string;
  started_at: Date | string;
  ended_at: Date | string | null;
  end_reason: 'enrolled' | null;
  snoozes_used: number;
  snoozed_until: Date | string | null;
}

interface NudgeRow {
  id: string;
  series_id: string;
  user_id: string;
  source: NudgeSource;
  requested_by: string | null;
  recipient_name: string;
  greeting_name: string;
  strength: MfaStrength;
  methods: MethodKind[];
  deadline: Date | string | null;
  target: string | null;
  created_at: Date | string;
  status: NudgeStatus;
  sent_at: Date | string | null;
  conversation_id: string | null;
  activity_id: string | null;
}

export class SqlNudgeStore implements NudgeStore {
  constructor(private readonly db: Database) {}

  async reserve(
    request: NudgeRequestRecord,
    sentSince: Date,
    decide: (series: NudgeSeries, sentAt: Date[]) => ReservationDecision,
  ): Promise<Reservation> {
    return this.db.transaction(async (tx) => {
      await tx.query(OPEN_SERIES, [request.userId, request.now]);
      const [seriesRow] = await tx.query<SeriesRow>(LOCK_OPEN_SERIES, [request.userId]);
      const series = toSeries(seriesRow!);
      if (request.campaignDeliveryId) await tx.query(ABANDON_EARLIER_ATTEMPT, [request.campaignDeliveryId]);
      if (request.requestKey) {
        await tx.query(ABANDON_UNSENT_REPEAT, [request.requestKey]);
        const [earlier] = await tx.query<NudgeRow>('SELECT * FROM nudges WHERE request_key = $1', [request.requestKey]);
        if (earlier) return { kind: 'repeated', nudge: toNudge(earlier) };
      }
      const sent = await tx.query<{ sent_at: Date | string }>(SENT_SINCE, [request.userId, sentSince]);
      const decision = decide(
        series,
        sent.map((row) => new Date(row.sent_at)),
      );
      if (decision.kind === 'deferred') return decision;
      const [row] = await tx.query<NudgeRow>(INSERT_NUDGE, [
        series.id,
        request.userId,
        request.source,
        request.requestedBy ?? null,
        request.deadline ?? null,
        request.now,
        request.recipientName,
        request.greetingName,
        request.strength,
        JSON.stringify(request.methods),
        request.campaignDeliveryId ?? null,
        request.requestKey ?? null,
        request.target ?? null,
      ]);
      return { kind: 'reserved', nudge: toNudge(row!), series };
    });
  }

  async markSendStarted(nudgeId: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(`UPDATE nudges SET send_started_at = $2 WHERE id = $1 AND status = 'sending' RETURNING id`, [
      nudgeId,
      at,
    ]);
    return rows.length === 1;
  }

  async recordDelivery(nudgeId: string, delivery: DeliveryRecord, at: Date): Promise<void> {
    await this.db.query(RECORD_DELIVERY, [
      nudgeId,
      delivery.status,
      delivery.detail ?? null,
      delivery.retryAt ?? null,
      delivery.conversationId ?? null,
      delivery.activityId ?? null,
      at,
    ]);
  }

  async find(nudgeId: string): Promise<{ nudge: Nudge; series: NudgeSeries } | undefined> {
    // Card data is untrusted: a malformed id is simply unknown, not a database error.
    if (!isGuid(nudgeId)) return undefined;
    const [row] = await this.db.query<NudgeRow & Record<string, unknown>>(FIND, [nudgeId]);
    if (!row) return undefined;
    return {
      nudge: toNudge(row),
      series: toSeries({
        id: row.series_id,
        user_id: row.user_id,
        started_at: row.s_started_at as Date,
        ended_at: row.s_ended_at as Date | null,
        end_reason: row.s_end_reason as 'enrolled' | null,
        snoozes_used: row.s_snoozes_used as number,
        snoozed_until: row.s_snoozed_until as Date | null,
      }),
    };
  }

  async latestTo(userId: string): Promise<RecordedNudge | undefined> {
    const [row] = await this.db.query<NudgeRow & { status_detail: string | null }>(
      'SELECT * FROM nudges WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [userId],
    );
    if (!row) return undefined;
    return { nudge: toNudge(row), ...(row.status_detail ? { detail: row.status_detail } : {}) };
  }

  async openSeries(userId: string): Promise<NudgeSeries | undefined> {
    const [row] = await this.db.query<SeriesRow>('SELECT * FROM nudge_series WHERE user_id = $1 AND ended_at IS NULL', [userId]);
    return row ? toSeries(row) : undefined;
  }

  async snooze(seriesId: string, until: Date, expectedUsed: number): Promise<boolean> {
    const rows = await this.db.query(SNOOZE, [seriesId, until, expectedUsed]);
    return rows.length === 1;
  }

  async endSeries(seriesId: string, reason: 'enrolled', at: Date): Promise<void> {
    await this.db.query('UPDATE nudge_series SET ended_at = $2, end_reason = $3, snoozed_until = NULL WHERE id = $1 AND ended_at IS NULL', [
      seriesId,
      at,
      reason,
    ]);
  }

  async recordAction(action: NudgeAction): Promise<void> {
    await this.db.query(
      'INSERT INTO nudge_actions (nudge_id, actor_id, action, result, detail, at) VALUES ($1, $2, $3, $4, $5::jsonb, $6)',
      [action.nudgeId, action.actorId, action.action, action.result, action.detail ? JSON.stringify(action.detail) : null, action.at],
    );
  }

  async actionsOf(nudgeId: string): Promise<NudgeAction[]> {
    if (!isGuid(nudgeId)) return [];
    const rows = await this.db.query<{
      nudge_id: string;
      actor_id: string;
      action: NudgeActionKind;
      result: NudgeActionResult;
      detail: Record<string, string | number | boolean> | null;
      at: Date | string;
    }>('SELECT nudge_id, actor_id, action, result, detail, at FROM nudge_actions WHERE nudge_id = $1 ORDER BY id', [nudgeId]);
    return rows.map((row) => ({
      nudgeId: row.nudge_id,
      actorId: row.actor_id,
      action: row.action,
      result: row.result,
      at: new Date(row.at),
      ...(row.detail ? { detail: row.detail } : {}),
    }));
  }
}

function toSeries(row: SeriesRow): NudgeSeries {
  return {
    id: row.id,
    userId: row.user_id,
    startedAt: new Date(row.started_at),
    ...(row.ended_at ? { endedAt: new Date(row.ended_at) } : {}),
    ...(row.end_reason ? { endReason: row.end_reason } : {}),
    snoozesUsed: row.snoozes_used,
    ...(row.snoozed_until ? { snoozedUntil: new Date(row.snoozed_until) } : {}),
  };
}

function toNudge(row: NudgeRow): Nudge {
  return {
    id: row.id,
    seriesId: row.series_id,
    userId: row.user_id,
    source: row.source,
    ...(row.requested_by ? { requestedBy: row.requested_by } : {}),
    createdAt: new Date(row.created_at),
    recipientName: row.recipient_name,
    greetingName: row.greeting_name,
    strength: row.strength,
    methods: row.methods,
    ...(row.deadline ? { deadline: new Date(row.deadline) } : {}),
    ...(isNudgeTarget(row.target) ? { target: row.target } : {}),
    status: row.status,
    ...(row.sent_at ? { sentAt: new Date(row.sent_at) } : {}),
    ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
    ...(row.activity_id ? { activityId: row.activity_id } : {}),
  };
}

import { isGuid } from '../../domain/guid';
import type {
  SmtpOwnerNudge,
  SmtpOwnerNudgeRequest,
  SmtpOwnerNudges,
  SmtpOwnerNudgeSource,
  SmtpOwnerNudgeStatus,
  SmtpOwnerReservation,
} from '../../domain/ports/smtp-owner-nudges';
import type { Database } from './database';

/**
 * Held until the transaction ends: two senders to the same owner (two bot instances, or two jobs) take turns, so
 * both cannot pass the cap; senders to other owners never wait. There is no row per owner to lock (an owner's first
 * card has none yet), hence an advisory lock, keyed by this table's name and the owner so it meets no other lock.
 */
export const LOCK_OWNER = `SELECT pg_advisory_xact_lock(hashtext('smtp_owner_nudges'), hashtext($1))`;

/** An earlier attempt of the same keyed request that stopped before its card left: given up, its key freed for this one. */
const ABANDON_UNSENT_REPEAT = `
  UPDATE smtp_owner_nudges SET status = 'failed', status_detail = 'an earlier attempt stopped before its card left', request_key = NULL
  WHERE request_key = $1 AND status = 'sending' AND send_started_at IS NULL`;

/** A card counts from when it was reserved until it is known not to have reached the owner, then from when it was sent. */
const SENT_SINCE = `
  SELECT COALESCE(sent_at, created_at) AS at FROM smtp_owner_nudges
  WHERE owner_id = $1 AND status IN ('sending', 'sent', 'uncertain') AND COALESCE(sent_at, created_at) >= $2
  ORDER BY at`;

const INSERT_NUDGE = `
  INSERT INTO smtp_owner_nudges (owner_id, account_ids, source, requested_by, created_at, status, request_key)
  VALUES ($1, $2::text[], $3, $4, $5, 'sending', $6)
  RETURNING *`;

/** Only once, and only while it may still leave: an attempt a retry gave up can no longer be started. */
const MARK_SEND_STARTED = `
  UPDATE smtp_owner_nudges SET send_started_at = $2
  WHERE id = $1 AND status = 'sending' AND send_started_at IS NULL
  RETURNING id`;

/**
 * Recorded once: a card already known to be sent, uncertain or refused is never rewritten. A card that did not reach
 * the owner gets no sent_at, so it stops counting towards the cap.
 */
const RECORD_DELIVERY = `
  UPDATE smtp_owner_nudges SET status = $2::text, status_detail = $3, conversation_id = $4, activity_id = $5,
    sent_at = CASE WHEN $2::text IN ('sent', 'uncertain') THEN $6::timestamptz ELSE NULL END
  WHERE id = $1 AND status = 'sending'`;

/** Of two reserved at the same instant, the one reserved last comes first. */
const LATEST_TO = `
  SELECT * FROM smtp_owner_nudges WHERE owner_id = $1
  ORDER BY created_at DESC, reserved_order DESC LIMIT $2`;

interface NudgeRow {
  id: string;
  owner_id: string;
  account_ids: string[];
  source: SmtpOwnerNudgeSource;
  requested_by: string | null;
  created_at: Date | string;
  status: SmtpOwnerNudgeStatus;
  status_detail: string | null;
  sent_at: Date | string | null;
  conversation_id: string | null;
  activity_id: string | null;
}

/** `SmtpOwnerNudges` on PostgreSQL (PGlite or a server): one row per card in smtp_owner_nudges. */
export class SqlSmtpOwnerNudges implements SmtpOwnerNudges {
  constructor(private readonly db: Database) {}

  async reserve(
    request: SmtpOwnerNudgeRequest,
    sentSince: Date,
    decide: (sentAt: Date[]) => { kind: 'go' } | { kind: 'deferred'; reason: 'frequencyCap'; notBefore: Date },
  ): Promise<SmtpOwnerReservation> {
    return this.db.transaction(async (tx) => {
      await tx.query(LOCK_OWNER, [request.ownerId]);
      if (request.requestKey) {
        await tx.query(ABANDON_UNSENT_REPEAT, [request.requestKey]);
        const [earlier] = await tx.query<NudgeRow>('SELECT * FROM smtp_owner_nudges WHERE request_key = $1', [request.requestKey]);
        if (earlier) return { kind: 'repeated', nudge: toNudge(earlier) };
      }
      const sent = await tx.query<{ at: Date | string }>(SENT_SINCE, [request.ownerId, sentSince]);
      const decision = decide(sent.map((row) => new Date(row.at)));
      // Deferred: nothing written, and a given-up earlier attempt above stays given up (it never left either way).
      if (decision.kind === 'deferred') return decision;
      const [row] = await tx.query<NudgeRow>(INSERT_NUDGE, [
        request.ownerId,
        [...request.accountIds],
        request.source,
        request.requestedBy ?? null,
        request.now,
        // An empty key is no key (as above): stored, it would make every later empty key collide.
        request.requestKey || null,
      ]);
      return { kind: 'reserved', nudge: toNudge(row!) };
    });
  }

  async markSendStarted(nudgeId: string, at: Date): Promise<boolean> {
    // An id that is no uuid names no nudge; the column's type would refuse it with an error instead.
    if (!isGuid(nudgeId)) return false;
    const rows = await this.db.query(MARK_SEND_STARTED, [nudgeId, at]);
    return rows.length === 1;
  }

  async recordDelivery(
    nudgeId: string,
    delivery: { status: Exclude<SmtpOwnerNudgeStatus, 'sending'>; detail?: string; conversationId?: string; activityId?: string },
    at: Date,
  ): Promise<void> {
    if (!isGuid(nudgeId)) return;
    await this.db.query(RECORD_DELIVERY, [
      nudgeId,
      delivery.status,
      delivery.detail ?? null,
      delivery.conversationId ?? null,
      delivery.activityId ?? null,
      at,
    ]);
  }

  async latestTo(ownerId: string, limit: number): Promise<SmtpOwnerNudge[]> {
    if (!(limit >= 1)) return [];
    const rows = await this.db.query<NudgeRow>(LATEST_TO, [ownerId, Math.floor(limit)]);
    return rows.map(toNudge);
  }
}

function toNudge(row: NudgeRow): SmtpOwnerNudge {
  return {
    id: row.id,
    ownerId: row.owner_id,
    accountIds: [...row.account_ids],
    source: row.source,
    ...(row.requested_by !== null ? { requestedBy: row.requested_by } : {}),
    createdAt: new Date(row.created_at),
    status: row.status,
    ...(row.sent_at !== null ? { sentAt: new Date(row.sent_at) } : {}),
    ...(row.conversation_id !== null ? { conversationId: row.conversation_id } : {}),
    ...(row.activity_id !== null ? { activityId: row.activity_id } : {}),
    ...(row.status_detail !== null ? { detail: row.status_detail } : {}),
  };
}

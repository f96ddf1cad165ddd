import type { SmtpSender } from '../../domain/smtp/smtp-sender';
import type { SmtpLogUnavailable } from '../../domain/ports/smtp-sign-in-log';
import type { SmtpScan, SmtpSenderCounts, SmtpSenderStore } from '../../domain/ports/smtp-sender-store';
import type { Database, SqlExecutor } from './database';

/**
 * How many reads are kept on record: the latest ones, and the last completed read whenever it is older (its window is
 * what "as of the last read" means). Enough to see a pattern of failures, never a growing table.
 */
export const SMTP_SCANS_KEPT = 50;

/**
 * Saves one at a time: two reads saved at once on a server would each delete the senders the other has not committed
 * yet, and end with both reads' senders mixed (or a duplicate account). Reads of the tables are not held up.
 */
const LOCK_FOR_SAVE = 'LOCK TABLE smtp_scans IN SHARE ROW EXCLUSIVE MODE';

const INSERT_SCAN = `
  INSERT INTO smtp_scans (status, finished_at, window_since, window_until, sign_ins, failure_reason, missing_permissions, failure_detail)
  VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8)`;

/** The whole list in one statement (a JSON array expanded by json_to_recordset), never one statement per sender. */
const INSERT_SENDERS = `
  INSERT INTO smtp_senders
    (account_id, user_principal_name, display_name, first_seen, last_seen, sign_ins, addresses, clients, succeeded, used_password,
     only_oauth, last_password_seen)
  SELECT account_id, user_principal_name, display_name, first_seen, last_seen, sign_ins, addresses, clients, succeeded, used_password,
    only_oauth, last_password_seen
  FROM json_to_recordset($1::json) AS s(
    account_id text, user_principal_name text, display_name text, first_seen timestamptz, last_seen timestamptz, sign_ins bigint,
    addresses text[], clients text[], succeeded boolean, used_password boolean, only_oauth boolean, last_password_seen timestamptz)`;

/** All but the latest $1 reads, except the last completed one. */
const FORGET_OLD_SCANS = `
  DELETE FROM smtp_scans
  WHERE id <= (SELECT id FROM smtp_scans ORDER BY id DESC OFFSET $1 LIMIT 1)
    AND id IS DISTINCT FROM (SELECT max(id) FROM smtp_scans WHERE status = 'completed')`;

/** One statement, so both rows come from the same moment. */
const LATEST_SCANS = `
  SELECT status, finished_at, window_since, window_until, sign_ins, failure_reason, missing_permissions, failure_detail,
    id = (SELECT max(id) FROM smtp_scans) AS is_latest
  FROM smtp_scans
  WHERE id = (SELECT max(id) FROM smtp_scans) OR id = (SELECT max(id) FROM smtp_scans WHERE status = 'completed')`;

const SENDER_COLUMNS =
  'account_id, user_principal_name, display_name, first_seen, last_seen, sign_ins, addresses, clients, succeeded, used_password, only_oauth, last_password_seen';

/** Latest seen first; "C" collation so that every server breaks ties the same way, whatever its locale. */
const LIST_ORDER = 'ORDER BY last_seen DESC, lower(user_principal_name) COLLATE "C", lower(account_id) COLLATE "C"';

const COUNT_SENDERS = `
  SELECT count(*) FILTER (WHERE used_password)::int AS password,
    count(*) FILTER (WHERE used_password AND NOT succeeded)::int AS password_failing_only,
    count(*) FILTER (WHERE only_oauth)::int AS oauth_only
  FROM smtp_senders WHERE last_seen >= $1`;

const LIST_SENDERS = `
  SELECT ${SENDER_COLUMNS} FROM smtp_senders
  WHERE last_seen >= $1 AND ($2::boolean OR used_password)
  ${LIST_ORDER} OFFSET $3 LIMIT $4`;

/** The person's text is matched literally: its `%`, `_` and `\` are escaped before LIKE sees them. */
const FIND_SENDERS = String.raw`
  WITH wanted AS (
    SELECT lower($1) AS text, '%' || replace(replace(replace(lower($1), '\', '\\'), '%', '\%'), '_', '\_') || '%' AS pattern
  )
  SELECT ${SENDER_COLUMNS} FROM smtp_senders, wanted
  WHERE lower(user_principal_name) LIKE wanted.pattern OR lower(display_name) LIKE wanted.pattern OR lower(account_id) = wanted.text
  ${LIST_ORDER} LIMIT $2`;

const SENDERS_BY_ACCOUNT = `
  SELECT ${SENDER_COLUMNS} FROM smtp_senders
  WHERE lower(account_id) IN (SELECT lower(wanted.id) FROM unnest($1::text[]) AS wanted (id))
  ${LIST_ORDER}`;

interface ScanRow {
  status: SmtpScan['status'];
  finished_at: Date | string;
  window_since: Date | string | null;
  window_until: Date | string | null;
  sign_ins: number | string | null;
  failure_reason: SmtpLogUnavailable['reason'] | null;
  missing_permissions: string[] | null;
  failure_detail: string | null;
  is_latest: boolean;
}

interface SenderRow {
  account_id: string;
  user_principal_name: string;
  display_name: string | null;
  first_seen: Date | string;
  last_seen: Date | string;
  sign_ins: number | string;
  addresses: string[];
  clients: string[];
  succeeded: boolean;
  used_password: boolean;
  only_oauth: boolean;
  last_password_seen: Date | string | null;
}

/** `SmtpSenderStore` on PostgreSQL (PGlite or a server): the reads in smtp_scans, the last completed read's senders in smtp_senders. */
export class SqlSmtpSenderStore implements SmtpSenderStore {
  constructor(
    private readonly db: Database,
    private readonly scansKept = SMTP_SCANS_KEPT,
  ) {}

  async saveSmtpScan(scan: SmtpScan, senders: readonly SmtpSender[]): Promise<void> {
    // One transaction: the senders never belong to a read that is not on record, nor to half of one.
    await this.db.transaction(async (tx) => {
      await tx.query(LOCK_FOR_SAVE);
      await tx.query(INSERT_SCAN, scanValues(scan));
      if (scan.status === 'completed') await replaceSenders(tx, senders);
      await tx.query(FORGET_OLD_SCANS, [this.scansKept]);
    });
  }

  async latestSmtpScans(): Promise<{ latest?: SmtpScan; lastCompleted?: SmtpScan & { status: 'completed' } }> {
    const rows = await this.db.query<ScanRow>(LATEST_SCANS);
    const latest = rows.find((row) => row.is_latest);
    const lastCompleted = rows.find((row) => row.status === 'completed');
    return {
      ...(latest ? { latest: toScan(latest) } : {}),
      ...(lastCompleted ? { lastCompleted: toScan(lastCompleted) as SmtpScan & { status: 'completed' } } : {}),
    };
  }

  async countSmtpSenders(since: Date): Promise<SmtpSenderCounts> {
    const [row] = await this.db.query<{ password: number; password_failing_only: number; oauth_only: number }>(COUNT_SENDERS, [since]);
    return { password: row?.password ?? 0, passwordFailingOnly: row?.password_failing_only ?? 0, oauthOnly: row?.oauth_only ?? 0 };
  }

  async listSmtpSenders(query: { since: Date; includeOAuth?: boolean; offset: number; limit: number }): Promise<SmtpSender[]> {
    const rows = await this.db.query<SenderRow>(LIST_SENDERS, [query.since, query.includeOAuth ?? false, query.offset, query.limit]);
    return rows.map(toSender);
  }

  async findSmtpSenders(text: string, limit: number): Promise<SmtpSender[]> {
    const wanted = text.trim();
    // An empty text is contained in every name: it would list everyone.
    if (wanted === '') return [];
    const rows = await this.db.query<SenderRow>(FIND_SENDERS, [wanted, limit]);
    return rows.map(toSender);
  }

  async smtpSendersByAccount(accountIds: readonly string[]): Promise<SmtpSender[]> {
    if (accountIds.length === 0) return [];
    const rows = await this.db.query<SenderRow>(SENDERS_BY_ACCOUNT, [[...accountIds]]);
    return rows.map(toSender);
  }
}

async function replaceSenders(tx: SqlExecutor, senders: readonly SmtpSender[]): Promise<void> {
  await tx.query('DELETE FROM smtp_senders');
  if (senders.length === 0) return;
  const rows = senders.map((sender) => ({
    account_id: sender.accountId,
    user_principal_name: sender.userPrincipalName,
    display_name: sender.displayName ?? null,
    first_seen: sender.firstSeen.toISOString(),
    last_seen: sender.lastSeen.toISOString(),
    sign_ins: sender.signIns,
    addresses: sender.addresses,
    clients: sender.clients,
    succeeded: sender.succeeded,
    used_password: sender.usedPassword,
    only_oauth: sender.onlyOAuth,
    last_password_seen: sender.lastPasswordSeen?.toISOString() ?? null,
  }));
  await tx.query(INSERT_SENDERS, [JSON.stringify(rows)]);
}

function scanValues(scan: SmtpScan): unknown[] {
  if (scan.status === 'completed') {
    return ['completed', scan.finishedAt, scan.window.since, scan.window.until, scan.signIns, null, null, null];
  }
  const { failure } = scan;
  const missing = failure.reason === 'notPermitted' ? [...failure.missing] : null;
  return ['unavailable', scan.finishedAt, null, null, null, failure.reason, missing, failure.detail];
}

function toScan(row: ScanRow): SmtpScan {
  const finishedAt = new Date(row.finished_at);
  if (row.status === 'completed') {
    return {
      status: 'completed',
      finishedAt,
      window: { since: new Date(row.window_since!), until: new Date(row.window_until!) },
      signIns: Number(row.sign_ins),
    };
  }
  return { status: 'unavailable', finishedAt, failure: toFailure(row) };
}

function toFailure(row: ScanRow): SmtpLogUnavailable {
  const detail = row.failure_detail ?? '';
  switch (row.failure_reason) {
    case 'notPermitted':
      return { reason: 'notPermitted', missing: [...(row.missing_permissions ?? [])], detail };
    case 'notLicensed':
      return { reason: 'notLicensed', detail };
    default:
      return { reason: 'failed', detail };
  }
}

function toSender(row: SenderRow): SmtpSender {
  return {
    accountId: row.account_id,
    userPrincipalName: row.user_principal_name,
    ...(row.display_name !== null ? { displayName: row.display_name } : {}),
    firstSeen: new Date(row.first_seen),
    lastSeen: new Date(row.last_seen),
    signIns: Number(row.sign_ins),
    addresses: [...row.addresses],
    clients: [...row.clients],
    succeeded: row.succeeded,
    usedPassword: row.used_password,
    onlyOAuth: row.only_oauth,
    ...(row.last_password_seen !== null ? { lastPasswordSeen: new Date(row.last_password_seen) } : {}),
  };
}

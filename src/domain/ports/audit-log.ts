/** Where a command was typed (Teams' conversation types, with "channel" for a team's channels). */
export type AuditPlace = 'personal' | 'channel' | 'groupChat';

/** Who did what, when and where: every admin command is written here before it is answered. */
export interface AuditEntry {
  at: Date;
  actorId: string;
  actorName?: string;
  /** The command as parsed (e.g. "posture by department"), never free text with personal data. */
  action: string;
  where: AuditPlace;
  conversationId: string;
  outcome: 'allowed' | 'refused' | 'failed';
  /** Whom or what it was about, as typed or found (a person, a department, a mailbox), at most AUDIT_SUBJECT_MAX characters. */
  subject?: string;
}

export const AUDIT_SUBJECT_MAX = 200;

/**
 * Which entries a read picks. `about`: the actor's id or name, or the subject, contains the text (any case).
 * `campaign`: entries about that campaign, as campaign commands record it in their action ("campaign 3",
 * "campaign pause 3", "campaign new 3"). `since`: entries at or after that instant.
 */
export type AuditSelection = { kind: 'about'; text: string } | { kind: 'campaign'; number: number } | { kind: 'since'; at: Date };

/**
 * Append-only: nothing changes an entry once recorded, and only entries past their retention are ever deleted
 * (the SQL table refuses UPDATE outright).
 */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The newest entries first; only those `selection` picks when given. */
  latest(limit: number, selection?: AuditSelection): Promise<AuditEntry[]>;
  /**
   * The whole log, oldest first, a page at a time (for the export). Oldest first, so that entries recorded while the
   * pages are read land after them rather than shifting the pages already read.
   */
  inOrder(offset: number, limit: number): Promise<AuditEntry[]>;
  /** Deletes the entries recorded before `cutoff` (the retention's purge); answers how many. */
  deleteBefore(cutoff: Date): Promise<number>;
}

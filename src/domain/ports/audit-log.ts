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

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The newest entries first. */
  latest(limit: number): Promise<AuditEntry[]>;
}

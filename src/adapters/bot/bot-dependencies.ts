import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { AuditLog } from '../../domain/ports/audit-log';
import type { AdminAuthorizer } from '../../use-cases/authorize-admin';
import type { AdminAnswerDeps } from './admin/admin-answers';
import type { PrivateSender } from './private-sender';
import type { ConversationReferenceStore } from '../../domain/ports/conversation-reference-store';
import type { Directory } from '../../domain/ports/directory';
import type { LiveCheckBudget } from '../../domain/ports/live-check-budget';
import type { NudgeActionDeps } from '../../use-cases/act-on-nudge';
import type { ClassificationPolicy } from '../../domain/mfa/mfa-strength';
import type { SendingHours } from '../../domain/nudges/quiet-hours';
import type { NudgeTarget } from '../../domain/nudges/nudge-target';
import type { KnowledgeSearch } from '../../domain/ports/knowledge-search';
import type { AnswerWriter } from '../../domain/ports/answer-writer';
import type { DownloadVault } from '../../domain/ports/download-vault';
import type { CampaignManagementDeps } from '../../use-cases/manage-campaigns';
import type { CampaignForm } from '../../domain/campaigns/campaign-plan';
import type { CampaignTestResult } from '../../use-cases/send-campaign-test';
import type { Doctor } from '../../use-cases/run-doctor';
import type { TenantPolicyReport } from '../../domain/policy/policy-report';
import type { CampaignChangeDeps } from '../../use-cases/change-registration-campaign';
import type { SmtpReadinessDeps } from '../../use-cases/read-smtp-readiness';
import type { SmtpOwnerNudgeRequest, SmtpOwnerNudgeResult } from '../../use-cases/send-smtp-owner-nudge';

/** What the Teams routes need from the rest of the app; wired once in app/create-app.ts. */
export interface BotDependencies {
  botName: string;
  tenantId: string;
  references: ConversationReferenceStore;
  directory: Directory;
  /** How methods are judged, for an employee's own status as for the scans. */
  policy: ClassificationPolicy;
  /** What people are asked to set up (NUDGE_TARGET): their own status's next step, and a new campaign form's choice. */
  nudgeTarget: NudgeTarget;
  /** When nudges may reach people (NUDGE_SENDING_HOURS): a new campaign form's delivery window starts at it. */
  sendingHours: SendingHours;
  /** Each person's share of live checks of their own methods, shared by "status" and the nudge's "I've done it". */
  liveChecks: LiveCheckBudget;
  logger: Logger;
  /** Told each turn's route and how long it took, for the operator's figures. */
  observeTurn?: (route: string, seconds: number) => void;
  now: () => Date;
  /** Delivers answers about a person to their 1:1 chat when they asked elsewhere. */
  privateSender: PrivateSender;
  /** The knowledge base the answer engine searches, loaded once at start. */
  knowledge: KnowledgeSearch;
  /** Who people are told to ask when the bot does not know (HELP_DESK_CONTACT, else ADMIN_CONTACT). */
  helpDesk: string;
  /** Model mode only (off by default): writes answers from the articles found, within timeoutMs, else the article's card. */
  answerWriter?: { writer: AnswerWriter; timeoutMs: number };
  nudges: {
    /** What the nudge card's buttons need. */
    actions: NudgeActionDeps;
  };
  campaigns: {
    /** Members of the campaign-manager group(s) may create and change campaigns (the same check as admins', other groups). */
    managers: AdminAuthorizer;
    manage: CampaignManagementDeps;
    /** The form's "Send me a test": the campaign's nudge card to its author alone, nothing created. */
    sendTest(form: CampaignForm, author: { id: string; name: string }): Promise<CampaignTestResult>;
    /** For "campaign export": the one-time download links, and where browsers reach the bot (unset = exports off). */
    vault: DownloadVault;
    publicUrl(): string | undefined;
  };
  admin: {
    authorizer: AdminAuthorizer;
    auditLog: AuditLog;
    /** Who non-admins are told to ask. */
    contact: string;
    /** `doctor`: whether MFA Coach can work in this tenant (a run in progress is shared, not repeated). */
    doctor: Pick<Doctor, 'run'>;
    /** `policy`: who the tenant's policies require to use MFA, and Entra's registration campaign, read live. */
    policies: { read(): Promise<TenantPolicyReport> };
    /** Changing Entra's registration campaign from the `policy` card (policy admins only, re-checked at each press). */
    policyChanges: CampaignChangeDeps;
    /** `smtp`: who sends mail with a password through SMTP AUTH, as the latest read of the sign-in log found. */
    smtp: SmtpReadinessDeps;
    /** `smtp nudge <address>`: a card to the account's owner now, or queued for their sending hours. */
    smtpNudge(request: SmtpOwnerNudgeRequest): Promise<SmtpOwnerNudgeResult>;
    /** What answering needs, for the turn at hand (a scan posts its result back into this conversation). */
    answers(context: TurnContext): AdminAnswerDeps;
  };
}

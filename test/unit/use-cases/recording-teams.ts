import type { ManagerSummary } from '../../../src/domain/campaigns/campaign-escalation';
import type { NudgeCard } from '../../../src/domain/nudges/nudge-card';
import type { SmtpOwnerCard } from '../../../src/domain/smtp/smtp-owner-card';
import type { StoredConversationReference } from '../../../src/domain/ports/conversation-reference-store';
import type { AppInstaller, DeliveryOutcome, InstallOutcome, NudgeMessenger } from '../../../src/domain/ports/nudge-delivery';

/** Someone's 1:1 chat with the bot, as Teams answers it and the store keeps it. */
export function personalChat(userId: string): StoredConversationReference {
  return {
    conversationId: `a:${userId}`,
    userAadObjectId: userId,
    tenantId: 'contoso',
    scope: 'personal',
    reference: { user: { id: userId } },
  };
}

/**
 * Teams as the use cases reach it: the app installer and the messenger, noting each request in `events` in the
 * order it came and answering as the test says (by default: installed, opened, sent). Like the real messenger, a
 * card's gate `mark` is its very last step: false, and the card does not leave.
 */
export class RecordingTeams {
  readonly events: string[] = [];
  /** The cards that left, to whom. */
  readonly cards: { userId: string; card: NudgeCard }[] = [];
  readonly smtpCards: { userId: string; card: SmtpOwnerCard }[] = [];
  readonly summaries: ManagerSummary[] = [];
  private readonly installs = new Map<string, InstallOutcome>();
  private readonly answers = new Map<string, DeliveryOutcome[]>();

  /** Installing the app for this person answers this, every time. */
  installAnswers(userId: string, outcome: InstallOutcome): void {
    this.installs.set(userId, outcome);
  }

  /** The next cards to this person are answered so, one each, then sent again. */
  cardAnswers(userId: string, ...outcomes: DeliveryOutcome[]): void {
    this.answers.set(userId, outcomes);
  }

  readonly installer: AppInstaller = {
    installFor: async (userId) => {
      this.events.push(`install ${userId}`);
      return this.installs.get(userId) ?? { kind: 'installed' };
    },
  };

  readonly messenger: NudgeMessenger = {
    openPersonalChat: async (userId) => {
      this.events.push(`open chat ${userId}`);
      return { kind: 'opened', reference: personalChat(userId) };
    },
    send: async (reference, card, mark) => {
      if (mark && !(await mark())) return { kind: 'failed', reason: 'stopped before sending', transient: true };
      const userId = reference.userAadObjectId ?? '';
      this.events.push(`card ${userId}`);
      this.cards.push({ userId, card });
      return this.answerTo(reference);
    },
    sendManagerSummary: async (reference, summary) => {
      this.events.push(`summary ${reference.userAadObjectId ?? ''}`);
      this.summaries.push(summary);
      return this.answerTo(reference);
    },
    sendSmtpOwnerCard: async (reference, card, mark) => {
      if (mark && !(await mark())) return { kind: 'failed', reason: 'stopped before sending', transient: true };
      const userId = reference.userAadObjectId ?? '';
      this.events.push(`smtp card ${userId}`);
      this.smtpCards.push({ userId, card });
      return this.answerTo(reference);
    },
  };

  private answerTo(reference: StoredConversationReference): DeliveryOutcome {
    return this.answers.get(reference.userAadObjectId ?? '')?.shift() ?? { kind: 'sent', conversationId: reference.conversationId };
  }
}

import type { CloudAdapterBase, ConversationParameters, ConversationReference } from 'botbuilder';
import type { StoredConversationReference } from '../../domain/ports/conversation-reference-store';
import type { ChatOutcome, DeliveryOutcome, NudgeMessenger } from '../../domain/ports/nudge-delivery';
import type { SendGate } from '../../domain/ports/send-gate';
import type { NudgeCard } from '../../domain/nudges/nudge-card';
import type { ManagerSummary } from '../../domain/campaigns/campaign-escalation';
import { asAttachment, type AdaptiveCard } from './cards/card-template';
import { managerSummaryCard } from './cards/manager-summary-card';
import { nudgeCard } from './cards/nudge-card';
import { smtpOwnerNudgeCard } from './cards/smtp-owner-nudge-card';
import type { SmtpOwnerCard } from '../../domain/smtp/smtp-owner-card';
import { toStoredReference } from './conversation-reference-mapper';
import { sendProactively } from './proactive-send';
import { neverReachedConnector } from './connector-call-policy';
import { retryAfterMs, type HeaderLookup } from '../graph/retry-after';

/** When Teams throttles past botbuilder's own retries without saying for how long. */
const DEFAULT_THROTTLE_MS = 60_000;

export interface TeamsMessengerOptions {
  /** Empty in demo mode (anonymous bot). */
  botAppId: string;
  tenantId: string;
  /**
   * Where Teams' Bot Connector is for this tenant and the bot's account there ("28:…"): from a recent activity, or
   * the configured defaults. An anonymous (demo) bot knows its account only from activities it received.
   */
  endpoint: () => Promise<{ serviceUrl: string; botId: string }>;
  /** Told the outcome of each card posted, or of the chat opened for it when that failed, for the operator's figures. */
  observeOutcome?: (outcome: DeliveryOutcome['kind']) => void;
}

/**
 * Nudges through the Bot Connector. Outcomes are data, read from the Connector's answer: 403 is a person who
 * blocked or removed the bot (ConversationBlockedByUser, BotNotInConversationRoster…) or, on createConversation,
 * a bot not installed for them; 429 past botbuilder's own retries is "throttled"; anything else failed.
 */
export class TeamsMessenger implements NudgeMessenger {
  constructor(
    private readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync' | 'createConversationAsync'>,
    private readonly options: TeamsMessengerOptions,
  ) {}

  async openPersonalChat(userId: string): Promise<{ kind: 'opened'; reference: StoredConversationReference } | ChatOutcome> {
    const opened = await this.createPersonalChat(userId);
    // A chat that could not be opened is the card's outcome: it goes no further.
    if (opened.kind !== 'opened') this.options.observeOutcome?.(opened.kind);
    return opened;
  }

  private async createPersonalChat(userId: string): Promise<{ kind: 'opened'; reference: StoredConversationReference } | ChatOutcome> {
    const { botAppId, tenantId } = this.options;
    const { serviceUrl, botId } = await this.options.endpoint();
    const parameters = {
      isGroup: false,
      bot: { id: botId },
      // Teams takes the Entra object id for a personal chat with a bot installed in personal scope.
      members: [{ id: userId }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let reference: StoredConversationReference | undefined;
    try {
      await this.adapter.createConversationAsync(botAppId, 'msteams', serviceUrl, '', parameters, async (context) => {
        const activity = {
          ...context.activity,
          from: { id: userId, aadObjectId: userId, name: '' },
          conversation: { ...context.activity.conversation, conversationType: 'personal' },
        };
        reference = { ...toStoredReference(activity as typeof context.activity, tenantId), userAadObjectId: userId };
      });
    } catch (error) {
      const outcome = outcomeOf(error);
      // On createConversation a 403 means the bot is not installed for them, not that they blocked it.
      if (outcome.kind === 'blocked' && outcome.code !== 'ConversationBlockedByUser')
        return { kind: 'notInstallable', reason: outcome.code };
      // Teams answers the same 1:1 chat each time it is asked: opening it again is harmless, so it is tried again.
      if (outcome.kind === 'uncertain') return { kind: 'failed', reason: outcome.reason, transient: true };
      // Its status goes with a refusal: right after an install, a 404 is not the same as any other refusal.
      const { statusCode } = (error ?? {}) as { statusCode?: number };
      if (outcome.kind === 'failed' && statusCode) return { ...outcome, status: statusCode };
      return outcome as ChatOutcome;
    }
    return reference ? { kind: 'opened', reference } : { kind: 'failed', reason: 'createConversation gave no conversation' };
  }

  async send(reference: StoredConversationReference, card: NudgeCard, mark?: SendGate['mark']): Promise<DeliveryOutcome> {
    // The refresh action is limited to the recipient: their Teams id is the reference's user.
    const recipientTeamsId = (reference.reference as Partial<ConversationReference>).user?.id;
    return this.sendCard(reference, nudgeCard(card, recipientTeamsId), mark);
  }

  async sendManagerSummary(reference: StoredConversationReference, summary: ManagerSummary): Promise<DeliveryOutcome> {
    return this.sendCard(reference, managerSummaryCard(summary));
  }

  async sendSmtpOwnerCard(reference: StoredConversationReference, card: SmtpOwnerCard, mark?: SendGate['mark']): Promise<DeliveryOutcome> {
    return this.sendCard(reference, smtpOwnerNudgeCard(card), mark);
  }

  /**
   * The card is rendered and the turn set up before the gate's `mark` runs, inside the turn, right before the request:
   * the less happens between a campaign's "on its way" mark and the request, the fewer sends a crash can leave
   * marked but never sent.
   */
  private async sendCard(reference: StoredConversationReference, card: AdaptiveCard, mark?: SendGate['mark']): Promise<DeliveryOutcome> {
    const outcome = await this.postCard(reference, card, mark);
    this.options.observeOutcome?.(outcome.kind);
    return outcome;
  }

  private async postCard(reference: StoredConversationReference, card: AdaptiveCard, mark?: SendGate['mark']): Promise<DeliveryOutcome> {
    const attachments = [asAttachment(card)];
    let stopped = false;
    let stepFailure: { error: unknown } | undefined;
    const lastStep =
      mark &&
      (async () => {
        try {
          stopped = !(await mark());
        } catch (error) {
          stepFailure = { error };
          stopped = true;
        }
        return !stopped;
      });
    let activityId: string | undefined;
    try {
      activityId = (
        await sendProactively(
          this.adapter,
          this.options.botAppId,
          reference.reference as Partial<ConversationReference>,
          { attachments },
          lastStep,
        )
      )?.id;
    } catch (error) {
      return outcomeOf(error);
    }
    // The caller's own step failed (its database, say): not something Teams answered.
    if (stepFailure) throw stepFailure.error;
    if (stopped) return { kind: 'failed', reason: 'stopped before sending', transient: true };
    return { kind: 'sent', conversationId: reference.conversationId, ...(activityId ? { activityId } : {}) };
  }
}

/**
 * What the Connector's refusal means. 4xx: it did not take the card (Teams documents 403, 404, 412 and 429 as not
 * delivered; 412 is worth another try). A request that never reached it: not delivered, worth another try.
 * Anything else (5xx, which Teams may answer after delivering, no answer in time, a cut connection): uncertain.
 */
function outcomeOf(error: unknown): Exclude<DeliveryOutcome, { kind: 'sent' }> {
  const { statusCode, code, response } = (error ?? {}) as { statusCode?: number; code?: string; response?: { headers?: HeaderLookup } };
  if (statusCode === 403) return { kind: 'blocked', code: code ?? 'Forbidden' };
  if (statusCode === 429) {
    const asked = response?.headers ? retryAfterMs(response.headers) : undefined;
    // "Retry after 0" says nothing useful about how long Teams is busy: the default wait then.
    return { kind: 'throttled', retryAfterMs: asked && asked > 0 ? asked : DEFAULT_THROTTLE_MS };
  }
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return {
      kind: 'failed',
      reason: `Bot Connector answered ${statusCode}${code ? ` ${code}` : ''}`,
      transient: statusCode === 412 || statusCode === 408,
    };
  }
  if (!statusCode && neverReachedConnector(error))
    return { kind: 'failed', reason: `Bot Connector unreachable (${code})`, transient: true };
  const reason = statusCode
    ? `Bot Connector answered ${statusCode}${code ? ` ${code}` : ''}`
    : `no answer from the Bot Connector: ${(error as Error)?.message ?? 'unknown error'}`;
  return { kind: 'uncertain', reason: reason.slice(0, 300) };
}

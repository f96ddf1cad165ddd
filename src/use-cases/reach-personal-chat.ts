import type { ConversationReferenceStore, StoredConversationReference } from '../domain/ports/conversation-reference-store';
import type { SendGate } from '../domain/ports/send-gate';
import type { AppInstaller, ChatOutcome, DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';
import type { DeliveryRecord } from '../domain/ports/nudge-store';

/**
 * How long Teams is given to open the chat of someone the bot was just installed for. Right after Graph's install
 * answered, the Bot Connector can still refuse the chat (403 "not installed in the user's personal scope", or a
 * 404) until the install has reached it. Microsoft documents no figure for that delay (its proactive-install pages
 * only say to install, then open or look up the chat), so the bound is ours: a minute, in waits that double.
 */
export interface ChatAfterInstall {
  /** The wait before opening the chat again the first time; each next wait doubles. */
  firstDelayMs: number;
  /** The most spent waiting in all before giving up (the requests' own time comes on top). */
  totalMs: number;
  /** Waits this long: real timers, or a test's fake. */
  sleep: (ms: number) => Promise<void>;
  /** 0 ≤ n < 1, for the jitter: up to a quarter off each wait, so installs made together do not retry together. */
  random: () => number;
  /** Past the bound, a passing failure ("try again") rather than "not installable": for a caller that waits less. */
  thenTryLater?: boolean;
}

export const DEFAULT_CHAT_AFTER_INSTALL: ChatAfterInstall = {
  firstDelayMs: 2000,
  totalMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export interface PersonalChatDeps {
  references: Pick<ConversationReferenceStore, 'findPersonalByUser' | 'save'>;
  installer: AppInstaller;
  messenger: Pick<NudgeMessenger, 'openPersonalChat'>;
  /** How long Teams is given to open the chat after a fresh install (default DEFAULT_CHAT_AFTER_INSTALL). */
  chatAfterInstall?: Partial<ChatAfterInstall>;
}

type OpenedChat = Awaited<ReturnType<NudgeMessenger['openPersonalChat']>>;
type PersonalChat = { kind: 'reached'; reference: StoredConversationReference } | Exclude<DeliveryOutcome, { kind: 'sent' }>;

/**
 * The person's 1:1 chat with the bot, for writing to them first. With no chat yet the bot is installed for them
 * (409 means it already was), then the chat is opened, which Teams answers with the same id each time; the
 * reference is kept so the next message skips both steps.
 */
export async function reachPersonalChat(
  deps: PersonalChatDeps,
  userId: string,
  /** Creating the chat is one more request to Teams: it takes its place in the send budget first, each try. */
  gate?: Pick<SendGate, 'place'>,
): Promise<PersonalChat> {
  const stored = await deps.references.findPersonalByUser(userId);
  if (stored) return { kind: 'reached', reference: stored };
  const installed = await deps.installer.installFor(userId);
  if (installed.kind !== 'installed' && installed.kind !== 'alreadyInstalled') return installed;
  const open = () => openChat(deps, userId, gate);
  // Only a fresh install is waited for: installed long ago, a refusal means something else and will not pass.
  const chat = installed.kind === 'installed' ? await openOnceInstallArrives(open, deps.chatAfterInstall) : await open();
  if (chat.kind !== 'opened') return chat;
  await deps.references.save(chat.reference);
  return { kind: 'reached', reference: chat.reference };
}

async function openChat(deps: PersonalChatDeps, userId: string, gate: Pick<SendGate, 'place'> | undefined): Promise<OpenedChat> {
  const release = await gate?.place('newChat');
  try {
    return await deps.messenger.openPersonalChat(userId);
  } finally {
    release?.();
  }
}

/**
 * Opens the chat, and again after growing waits while Teams answers as if the install had not reached it yet,
 * until the waits add up to the bound. Any other answer (blocked, throttled, a passing or other failure) is the
 * caller's to handle, at once.
 */
async function openOnceInstallArrives(open: () => Promise<OpenedChat>, options: Partial<ChatAfterInstall> = {}): Promise<OpenedChat> {
  const { firstDelayMs, totalMs, sleep, random, thenTryLater } = { ...DEFAULT_CHAT_AFTER_INSTALL, ...options };
  let chat = await open();
  let waited = 0;
  // At least a millisecond: a zero first delay would never grow, and never use up the bound.
  for (let delay = Math.max(1, firstDelayMs); installNotArrived(chat) && waited < totalMs; delay *= 2) {
    const wait = Math.min(Math.round(delay * (1 - random() / 4)), totalMs - waited);
    await sleep(wait);
    waited += wait;
    chat = await open();
  }
  if (!installNotArrived(chat)) return chat;
  const seconds = Math.round(totalMs / 1000);
  const reason = `Teams did not open the chat within ${seconds} s of installing the app (last answer: ${chat.reason})`;
  return thenTryLater ? { kind: 'failed', reason, transient: true } : { kind: 'notInstallable', reason };
}

/** The Connector's answers while a fresh install has not reached it: "not installed" (its 403), or a 404. */
function installNotArrived(chat: OpenedChat): chat is Extract<ChatOutcome, { kind: 'notInstallable' | 'failed' }> {
  return chat.kind === 'notInstallable' || (chat.kind === 'failed' && chat.status === 404);
}

/**
 * A card to one person in their 1:1 chat: the chat reached (found, opened, or the app installed first), then the
 * card posted through `post`, each in its place in the gate's budget; `mark` is the gate's point of no return.
 */
export async function postInPersonalChat(
  deps: PersonalChatDeps,
  userId: string,
  gate: SendGate | undefined,
  post: (reference: StoredConversationReference, mark: SendGate['mark'] | undefined) => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  const chat = await reachPersonalChat(deps, userId, gate);
  if (chat.kind !== 'reached') return chat;
  const release = await gate?.place('card');
  try {
    return await post(chat.reference, gate && (() => gate.mark()));
  } finally {
    release?.();
  }
}

/** What a card's delivery is recorded as: the outcome's status, its short reason code, and when to try a throttled one again. */
export function deliveryRecordOf(outcome: DeliveryOutcome, now: Date): DeliveryRecord {
  switch (outcome.kind) {
    case 'sent':
      return {
        status: 'sent' as const,
        conversationId: outcome.conversationId,
        ...(outcome.activityId ? { activityId: outcome.activityId } : {}),
      };
    case 'throttled':
      return { status: 'throttled' as const, retryAt: new Date(now.getTime() + outcome.retryAfterMs) };
    case 'blocked':
      return { status: 'blocked' as const, detail: outcome.code };
    case 'notInstallable':
      return { status: 'notInstallable' as const, detail: outcome.reason };
    case 'failed':
      return { status: 'failed' as const, detail: outcome.reason };
    case 'uncertain':
      return { status: 'uncertain' as const, detail: outcome.reason };
  }
}

/**
 * What an earlier attempt of the same keyed request left, for a nudge's or an owner's card alike: its outcome if it
 * was recorded; if its card was on its way when that attempt stopped (a repeat is answered only once the card was
 * marked), uncertain, recorded so by `recordUncertain`, and never sent again.
 */
export async function settleRepeatedSend(
  earlier: { status: string; conversationId?: string; activityId?: string },
  recordUncertain: (detail: string) => Promise<unknown>,
): Promise<DeliveryOutcome> {
  switch (earlier.status) {
    case 'sent':
      return {
        kind: 'sent',
        conversationId: earlier.conversationId ?? '',
        ...(earlier.activityId ? { activityId: earlier.activityId } : {}),
      };
    case 'sending': {
      const reason = 'an earlier attempt stopped after its card left';
      await recordUncertain(reason);
      return { kind: 'uncertain', reason };
    }
    case 'uncertain':
      return { kind: 'uncertain', reason: 'an earlier attempt had no answer from Teams' };
    default:
      return { kind: 'failed', reason: `an earlier attempt ended ${earlier.status}` };
  }
}

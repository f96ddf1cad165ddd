import { aadObjectIdFromTeamsUserId, personalConversationId, teamsUserId, userKey } from './teams-ids';

export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** A member as the Connector returns it (TeamsChannelAccount, the fields the emulator knows). */
export interface ConversationMember {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name?: string;
  readonly tenantId?: string;
  readonly userRole?: string;
}

export interface Conversation {
  readonly id: string;
  readonly kind: ConversationKind;
  /** The person a 1:1 conversation is with (their Entra object id when known): what block rules match on. */
  owner?: string;
  tenantId?: string;
  readonly members: Map<string, ConversationMember>;
  readonly activityIds: Set<string>;
}

/**
 * What the emulator knows about conversations and users: who a 1:1 chat belongs to, which activities were posted
 * (so an update of an unknown id can answer 404), who blocked the bot and who has not installed it.
 * Conversations the bot learned about elsewhere (an incoming activity) are learned on first use, from the id's shape
 * and the outgoing activity's recipient, because the real service knows them too.
 */
export class ConversationRegistry {
  private readonly conversations = new Map<string, Conversation>();
  private readonly blocked = new Set<string>();
  private readonly notInstalled = new Set<string>();
  private lastActivityId = 0;

  block(userId: string): void {
    this.blocked.add(userKey(userId));
  }

  unblock(userId: string): void {
    this.blocked.delete(userKey(userId));
  }

  markNotInstalled(userId: string): void {
    this.notInstalled.add(userKey(userId));
  }

  markInstalled(userId: string): void {
    this.notInstalled.delete(userKey(userId));
  }

  isBlocked(userId: string): boolean {
    return this.blocked.has(userKey(userId));
  }

  isNotInstalled(userId: string): boolean {
    return this.notInstalled.has(userKey(userId));
  }

  get(conversationId: string): Conversation | undefined {
    return this.conversations.get(conversationId);
  }

  /** The 1:1 conversation between `botId` and the member: the same id every time, as Teams answers. */
  personal(botId: string, member: ConversationMember, tenantId: string | undefined): Conversation {
    const id = personalConversationId(botId, member.aadObjectId ?? member.id);
    const conversation = this.learn(id, 'personal');
    conversation.tenantId ??= tenantId;
    this.addMember(conversation, member);
    return conversation;
  }

  /** A conversation seen for the first time in a request path; `hint` is the outgoing activity, when there is one. */
  learn(conversationId: string, kind?: ConversationKind, hint?: Record<string, unknown>): Conversation {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = {
        id: conversationId,
        kind: kind ?? kindOf(conversationId, hint),
        members: new Map(),
        activityIds: new Set(),
      };
      this.conversations.set(conversationId, conversation);
    }
    const recipient = hint?.recipient;
    if (conversation.kind === 'personal' && isAccount(recipient)) this.addMember(conversation, recipient);
    const tenantId = (hint?.conversation as { tenantId?: unknown } | undefined)?.tenantId;
    if (typeof tenantId === 'string') conversation.tenantId ??= tenantId;
    return conversation;
  }

  /** Teams-like activity ids: millisecond timestamps, strictly increasing. */
  nextActivityId(): string {
    this.lastActivityId = Math.max(Date.now(), this.lastActivityId + 1);
    return String(this.lastActivityId);
  }

  private addMember(conversation: Conversation, account: ConversationMember): void {
    const aadObjectId =
      account.aadObjectId ?? aadObjectIdFromTeamsUserId(account.id) ?? (account.id.includes(':') ? undefined : account.id);
    const id = account.id.includes(':') ? account.id : teamsUserId(account.id);
    const key = aadObjectId ?? userKey(id);
    if (conversation.kind === 'personal') conversation.owner ??= key;
    if (!conversation.members.has(key)) {
      conversation.members.set(key, { id, aadObjectId, name: account.name, tenantId: conversation.tenantId, userRole: 'user' });
    }
  }
}

function kindOf(conversationId: string, hint: Record<string, unknown> | undefined): ConversationKind {
  if (conversationId.startsWith('a:')) return 'personal';
  if (/@thread\.v2$/.test(conversationId)) return 'groupChat';
  if (/@thread\.(tacv2|skype)(;|$)/.test(conversationId)) return 'channel';
  const type = (hint?.conversation as { conversationType?: unknown } | undefined)?.conversationType;
  return type === 'channel' || type === 'groupChat' ? type : 'personal';
}

function isAccount(value: unknown): value is ConversationMember {
  return (
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && (value as { id: string }).id !== ''
  );
}

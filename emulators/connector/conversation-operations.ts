import { ConnectorError, connectorErrors } from './connector-error';
import type { ConnectorRoute } from './connector-route';
import { ConversationMember, ConversationRegistry } from './conversation-registry';
import { ReceivedLog, isRecord } from './received-log';
import { personalConversationId } from './teams-ids';

/** The answer to one request. */
export interface Outcome {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly conversationId?: string;
  readonly activityId?: string;
  /** Set when an activity was accepted: what the stats count as a send or an update. */
  readonly delivered?: 'send' | 'update';
  readonly created?: boolean;
}

export function failure(error: ConnectorError, headers?: Record<string, string>): Outcome {
  return { status: error.status, body: { error: { code: error.code, message: error.message } }, headers };
}

/**
 * The Conversations API itself, once a request is past authentication, injected faults and rate limits:
 * createConversation, send, reply, update, delete and member reads, with Teams' 403/404 answers.
 */
export class ConversationOperations {
  constructor(
    private readonly registry: ConversationRegistry,
    private readonly log: ReceivedLog,
    private readonly maxMessageBytes: number,
  ) {}

  run(route: ConnectorRoute, body: unknown): Outcome {
    switch (route.operation) {
      case 'createConversation':
        return this.createConversation(body);
      case 'send':
        return this.post(route.conversationId, body, 'send');
      case 'reply':
        return this.post(route.conversationId, body, 'reply');
      case 'update':
        return this.update(route.conversationId, route.activityId, body);
      case 'delete':
        return this.remove(route.conversationId, route.activityId);
      case 'getMembers':
        return { status: 200, body: this.members(route.conversationId), conversationId: route.conversationId };
      case 'getPagedMembers':
        return { status: 200, body: { members: this.members(route.conversationId) }, conversationId: route.conversationId };
      case 'getMember': {
        const member = this.members(route.conversationId).find((m) => m.id === route.memberId || m.aadObjectId === route.memberId);
        return member
          ? { status: 200, body: member, conversationId: route.conversationId }
          : failure(connectorErrors.memberNotFound(route.memberId));
      }
      case 'unknown':
        throw new Error('unknown routes are answered before they reach the operations');
    }
  }

  private createConversation(body: unknown): Outcome {
    if (!isRecord(body)) return failure(connectorErrors.badArgument('ConversationParameters must be a JSON object.'));
    const target = createTarget(body);
    if ('error' in target) return failure(target.error);
    const { activity } = target;
    if (activity !== undefined) {
      const tooBig = this.sizeError(activity);
      if (tooBig) return failure(tooBig);
    }

    if (target.kind === 'channel') {
      // A new thread in a channel: Teams answers `<channel>;messageid=<root activity id>`.
      const activityId = this.registry.nextActivityId();
      const conversationId = `${target.channelId};messageid=${activityId}`;
      const conversation = this.registry.learn(conversationId, 'channel');
      conversation.tenantId ??= target.tenantId;
      conversation.activityIds.add(activityId);
      this.log.addActivity({ kind: 'send', conversationId, activityId, activity: activity ?? {}, at: Date.now() });
      return { status: 201, body: { id: conversationId, activityId }, conversationId, activityId, delivered: 'send', created: true };
    }

    const { member } = target;
    if (this.registry.isNotInstalled(member.aadObjectId ?? member.id)) return failure(connectorErrors.notInstalledForUser());
    if (this.registry.isBlocked(member.aadObjectId ?? member.id)) return failure(connectorErrors.conversationBlockedByUser());
    const conversation = this.registry.personal(target.botId, member, target.tenantId);
    if (activity === undefined) return { status: 201, body: { id: conversation.id }, conversationId: conversation.id, created: true };

    const activityId = this.registry.nextActivityId();
    conversation.activityIds.add(activityId);
    this.log.addActivity({ kind: 'send', conversationId: conversation.id, activityId, activity, at: Date.now() });
    return {
      status: 201,
      body: { id: conversation.id, activityId },
      conversationId: conversation.id,
      activityId,
      delivered: 'send',
      created: true,
    };
  }

  private post(conversationId: string, body: unknown, kind: 'send' | 'reply'): Outcome {
    const invalid = this.activityError(body);
    if (invalid) return failure(invalid);
    const activity = body as Record<string, unknown>;
    const refused = this.writeError(conversationId, activity);
    if (refused) return failure(refused);
    const conversation = this.registry.learn(conversationId, undefined, activity);
    const activityId = this.registry.nextActivityId();
    conversation.activityIds.add(activityId);
    this.log.addActivity({ kind, conversationId, activityId, activity, at: Date.now() });
    return { status: 201, body: { id: activityId }, conversationId, activityId, delivered: 'send' };
  }

  private update(conversationId: string, activityId: string, body: unknown): Outcome {
    const invalid = this.activityError(body);
    if (invalid) return failure(invalid);
    const activity = body as Record<string, unknown>;
    const refused = this.writeError(conversationId, activity);
    if (refused) return failure(refused);
    if (!this.registry.get(conversationId)?.activityIds.has(activityId)) return failure(connectorErrors.activityNotFound(activityId));
    this.log.addActivity({ kind: 'update', conversationId, activityId, activity, at: Date.now() });
    return { status: 200, body: { id: activityId }, conversationId, activityId, delivered: 'update' };
  }

  private remove(conversationId: string, activityId: string): Outcome {
    const refused = this.writeError(conversationId, undefined);
    if (refused) return failure(refused);
    const conversation = this.registry.get(conversationId);
    if (!conversation?.activityIds.delete(activityId)) return failure(connectorErrors.activityNotFound(activityId));
    return { status: 200, body: {}, conversationId, activityId };
  }

  private members(conversationId: string): ConversationMember[] {
    return [...this.registry.learn(conversationId).members.values()];
  }

  /** Writes to a 1:1 chat whose user blocked or removed the bot are refused, as Teams does. */
  private writeError(conversationId: string, activity: Record<string, unknown> | undefined): ConnectorError | undefined {
    const conversation = this.registry.learn(conversationId, undefined, activity);
    if (conversation.kind !== 'personal' || conversation.owner === undefined) return undefined;
    if (this.registry.isBlocked(conversation.owner)) return connectorErrors.conversationBlockedByUser();
    if (this.registry.isNotInstalled(conversation.owner)) return connectorErrors.botNotInRoster();
    return undefined;
  }

  private activityError(body: unknown): ConnectorError | undefined {
    if (!isRecord(body) || typeof body.type !== 'string') return connectorErrors.badArgument('The body must be an Activity with a type.');
    return this.sizeError(body);
  }

  /** Teams measures a message as UTF-16 (about 100 KB allowed) and answers 413 MessageSizeTooBig beyond it. */
  private sizeError(activity: unknown): ConnectorError | undefined {
    const bytes = JSON.stringify(activity).length * 2;
    return bytes > this.maxMessageBytes ? connectorErrors.messageSizeTooBig(bytes, this.maxMessageBytes) : undefined;
  }
}

type CreateTarget =
  | { readonly error: ConnectorError }
  | {
      readonly kind: 'personal';
      readonly botId: string;
      readonly member: ConversationMember;
      readonly tenantId: string;
      readonly activity?: Record<string, unknown>;
    }
  | { readonly kind: 'channel'; readonly channelId: string; readonly tenantId: string; readonly activity?: Record<string, unknown> };

/** What a ConversationParameters body asks for, or why Teams would refuse it. */
function createTarget(body: Record<string, unknown>): CreateTarget {
  const channelData = isRecord(body.channelData) ? body.channelData : {};
  const tenant = isRecord(channelData.tenant) ? channelData.tenant.id : undefined;
  const tenantId = typeof body.tenantId === 'string' && body.tenantId ? body.tenantId : typeof tenant === 'string' ? tenant : undefined;
  if (!tenantId) return { error: connectorErrors.badArgument('A tenant id is required (tenantId or channelData.tenant.id).') };
  if (body.activity !== undefined && !isRecord(body.activity))
    return { error: connectorErrors.badArgument('activity must be an Activity.') };
  const activity = body.activity as Record<string, unknown> | undefined;

  if (body.isGroup === true) {
    const channel = isRecord(channelData.channel) ? channelData.channel.id : undefined;
    if (typeof channel !== 'string' || !channel) {
      return {
        error: connectorErrors.badArgument(
          'Bots can only start group conversations as a new thread in a channel (channelData.channel.id).',
        ),
      };
    }
    if (!activity) return { error: connectorErrors.badArgument('A new channel thread needs an activity.') };
    return { kind: 'channel', channelId: channel, tenantId, activity };
  }

  const members = Array.isArray(body.members) ? body.members : [];
  const member = members[0];
  if (members.length !== 1 || !isRecord(member) || typeof member.id !== 'string' || !member.id) {
    return { error: connectorErrors.badArgument('A 1:1 conversation needs exactly one member with an id.') };
  }
  const bot = isRecord(body.bot) && typeof body.bot.id === 'string' ? body.bot.id : '';
  return {
    kind: 'personal',
    botId: bot,
    member: {
      id: member.id,
      aadObjectId: typeof member.aadObjectId === 'string' ? member.aadObjectId : undefined,
      name: typeof member.name === 'string' ? member.name : undefined,
    },
    tenantId,
    activity,
  };
}

/** The thread a createConversation body addresses, so that rate limits and overlap checks can key on it. */
export function createConversationThread(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const target = createTarget(body);
  if ('error' in target) return undefined;
  return target.kind === 'channel' ? target.channelId : personalConversationId(target.botId, target.member.aadObjectId ?? target.member.id);
}

import { randomUUID } from 'node:crypto';
import { botAccountId, channelThreadId, groupChatId, personalConversationId, teamsUserId } from './teams-ids';

/**
 * Incoming activities shaped like the ones Teams posts to a bot's /api/messages, for tests and demos that drive a bot
 * against the Connector emulator. Shapes follow msteams-docs ("Conversation events in your Teams bot",
 * "Universal Actions for Adaptive Cards") and captured Teams payloads: channelId 'msteams', `29:` user ids with
 * aadObjectId, `28:<appId>` recipient, tenant in both conversation.tenantId and channelData.tenant.id.
 * The 1:1 conversation id is the one the emulator's createConversation answers for the same bot and user.
 */

export interface TeamsUser {
  readonly aadObjectId: string;
  readonly name?: string;
  /** The bot-scoped `29:` id; derived from aadObjectId when absent. */
  readonly id?: string;
}

export type ConversationType = 'personal' | 'channel' | 'groupChat';
/** App manifest scopes: where the app was installed. */
export type InstallScope = 'personal' | 'team' | 'groupChat';

export interface TeamRef {
  /** Team thread id (`19:…@thread.tacv2`); also the General channel's id. */
  readonly id: string;
  readonly name?: string;
  readonly aadGroupId?: string;
  /** The channel the activity happens in; the General channel (the team id) when absent. */
  readonly channelId?: string;
}

export interface ActivityFactoryOptions {
  /** The Connector emulator's url: where the bot will send its answers. */
  readonly serviceUrl: string;
  /** The bot's Microsoft App ID (without `28:`). */
  readonly botId: string;
  readonly botName?: string;
  /** Default tenant for every activity. */
  readonly tenantId?: string;
  readonly locale?: string;
  readonly timezone?: string;
}

interface Where {
  readonly tenantId?: string;
  readonly conversationType?: ConversationType;
  /** Overrides the derived conversation id (e.g. a group chat or a channel thread the test set up). */
  readonly conversationId?: string;
  readonly team?: TeamRef;
}

export interface MessageInput extends Where {
  readonly text: string;
  readonly user: TeamsUser;
  /** Defaults to true in channels and group chats (Teams only delivers those messages when the bot is @mentioned). */
  readonly mentionBot?: boolean;
}

export interface InstallInput {
  readonly scope: InstallScope;
  readonly user: TeamsUser;
  readonly tenantId?: string;
  readonly conversationId?: string;
  readonly team?: TeamRef;
}

export interface InstallationUpdateInput extends InstallInput {
  readonly action: 'add' | 'remove';
}

export interface AdaptiveCardInvokeInput extends Where {
  readonly verb: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly user: TeamsUser;
  /** The id of the message that carries the card. */
  readonly replyToId?: string;
}

/** A Teams activity as JSON (the fields Teams sends; botbuilder reads it as an Activity). */
export interface TeamsActivity {
  readonly type: string;
  readonly id: string;
  readonly timestamp: string;
  readonly localTimestamp: string;
  readonly channelId: 'msteams';
  readonly serviceUrl: string;
  readonly from: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  readonly recipient: { readonly id: string; readonly name: string };
  readonly conversation: {
    readonly id: string;
    readonly conversationType: ConversationType;
    readonly tenantId: string;
    readonly isGroup?: boolean;
  };
  readonly channelData: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface ActivityFactory {
  aMessage(input: MessageInput): TeamsActivity;
  /** What Teams sends when the app is added or removed; it also sends a conversationUpdate (see below). */
  anInstallationUpdate(input: InstallationUpdateInput): TeamsActivity;
  aConversationUpdateBotAdded(input: InstallInput): TeamsActivity;
  aConversationUpdateBotRemoved(input: InstallInput): TeamsActivity;
  anAdaptiveCardInvoke(input: AdaptiveCardInvokeInput): TeamsActivity;
  /** The 1:1 conversation id between this bot and the user (what createConversation answers too). */
  personalConversationId(user: TeamsUser): string;
}

const SCOPE_TO_CONVERSATION: Record<InstallScope, ConversationType> = { personal: 'personal', team: 'channel', groupChat: 'groupChat' };

export function activityFactory(options: ActivityFactoryOptions): ActivityFactory {
  const botName = options.botName ?? 'MFA Coach';
  const recipient = { id: botAccountId(options.botId), name: botName };
  const locale = options.locale ?? 'en-US';
  const timezone = options.timezone ?? 'Europe/London';

  const tenantOf = (tenantId: string | undefined): string => {
    const tenant = tenantId ?? options.tenantId;
    if (!tenant) throw new Error('activityFactory: give a tenantId, per activity or as a default.');
    return tenant;
  };
  const fromOf = (user: TeamsUser) => ({ id: user.id ?? teamsUserId(user.aadObjectId), name: user.name, aadObjectId: user.aadObjectId });
  const teamOf = (tenantId: string, team: TeamRef | undefined): TeamRef =>
    team ?? { id: channelThreadId(`team|${tenantId}`), name: 'MFA Coach Pilot' };

  /** conversation + channelData for where an activity happens; `rootId` makes a channel post its own thread. */
  const place = (where: Where & { user: TeamsUser }, rootId?: string) => {
    const tenantId = tenantOf(where.tenantId);
    const type = where.conversationType ?? 'personal';
    const tenant = { id: tenantId };
    if (type === 'personal') {
      const id = where.conversationId ?? personalConversationId(options.botId, where.user.aadObjectId);
      return { conversation: { conversationType: type, tenantId, id }, channelData: { tenant } };
    }
    if (type === 'groupChat') {
      const id = where.conversationId ?? groupChatId(`group|${tenantId}`);
      return { conversation: { isGroup: true, conversationType: type, tenantId, id }, channelData: { tenant } };
    }
    const team = teamOf(tenantId, where.team);
    const channelId = team.channelId ?? team.id;
    const id = where.conversationId ?? (rootId ? `${channelId};messageid=${rootId}` : channelId);
    return {
      conversation: { isGroup: true, conversationType: type, tenantId, id },
      channelData: {
        teamsChannelId: channelId,
        teamsTeamId: team.id,
        channel: { id: channelId },
        team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
        tenant,
      },
    };
  };

  const envelope = (type: string, id: string) => {
    const now = new Date().toISOString();
    return {
      type,
      id,
      timestamp: now,
      localTimestamp: now,
      channelId: 'msteams' as const,
      serviceUrl: options.serviceUrl,
      recipient,
      locale,
    };
  };
  const clientInfo = { type: 'clientInfo', locale, country: locale.split('-')[1] ?? 'US', platform: 'Web', timezone };

  const installPlace = (input: InstallInput) => {
    const where = { ...input, conversationType: SCOPE_TO_CONVERSATION[input.scope] };
    const placed = place(where);
    if (input.scope !== 'team') return placed;
    // Installing into a team names the channel the user picked.
    const channel = (placed.channelData.channel as { id: string }).id;
    return { ...placed, channelData: { ...placed.channelData, settings: { selectedChannel: { id: channel } } } };
  };

  return {
    aMessage(input) {
      const id = String(Date.now());
      const type = input.conversationType ?? 'personal';
      const mention = input.mentionBot ?? type !== 'personal';
      const tag = `<at>${botName}</at>`;
      const entities: Record<string, unknown>[] = [clientInfo];
      if (mention) entities.unshift({ type: 'mention', mentioned: { id: recipient.id, name: botName }, text: tag });
      return {
        ...envelope('message', id),
        ...place(input, id),
        from: fromOf(input.user),
        text: mention ? `${tag} ${input.text}` : input.text,
        textFormat: 'plain',
        entities,
        localTimezone: timezone,
      };
    },

    anInstallationUpdate(input) {
      const placed = installPlace(input);
      return {
        ...envelope('installationUpdate', `f:${randomUUID()}`),
        ...placed,
        channelData: { ...placed.channelData, source: { name: 'message' } },
        from: fromOf(input.user),
        action: input.action,
        entities: [clientInfo],
      };
    },

    aConversationUpdateBotAdded(input) {
      const placed = installPlace(input);
      // msteams-docs: a 1:1 install lists the bot and the user; a team or chat install lists the bot.
      const membersAdded =
        input.scope === 'personal'
          ? [{ id: recipient.id }, { id: fromOf(input.user).id, aadObjectId: input.user.aadObjectId }]
          : [{ id: recipient.id }];
      const eventType = input.scope === 'team' ? { eventType: 'teamMemberAdded' } : {};
      return {
        ...envelope('conversationUpdate', `f:${randomUUID()}`),
        ...placed,
        channelData: { ...placed.channelData, ...eventType },
        from: fromOf(input.user),
        membersAdded,
      };
    },

    aConversationUpdateBotRemoved(input) {
      const placed = installPlace(input);
      const eventType = input.scope === 'team' ? { eventType: 'teamMemberRemoved' } : {};
      return {
        ...envelope('conversationUpdate', `f:${randomUUID()}`),
        ...placed,
        channelData: { ...placed.channelData, ...eventType },
        from: fromOf(input.user),
        membersRemoved: [{ id: recipient.id }],
      };
    },

    anAdaptiveCardInvoke(input) {
      const placed = place(input, input.replyToId);
      return {
        ...envelope('invoke', `f:${randomUUID()}`),
        ...placed,
        channelData: { ...placed.channelData, source: { name: 'message' } },
        from: fromOf(input.user),
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb: input.verb, data: input.data ?? {} }, trigger: 'manual' },
        replyToId: input.replyToId,
        entities: [clientInfo],
      };
    },

    personalConversationId: (user) => personalConversationId(options.botId, user.aadObjectId),
  };
}

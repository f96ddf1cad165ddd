import { createHash } from 'node:crypto';

/**
 * Teams-shaped identifiers for the emulators.
 *
 * Real Teams ids are opaque: `29:…` (a user, scoped to one bot), `28:<appId>` (a bot), `a:…` (a 1:1 chat),
 * `19:…@thread.tacv2` (a channel) and `19:…@thread.v2` (a group chat). Here they are derived deterministically, so that
 * the activity factory and the Connector emulator agree on the same ids without sharing state: the 1:1 conversation a
 * bot creates for a user is the conversation the user's messages arrive in, as in Teams.
 */

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The bot-scoped Teams user id for an Entra object id; reversible, so the emulator can tell who a `29:` id is. */
export function teamsUserId(aadObjectId: string): string {
  return `29:1${base64url(aadObjectId)}`;
}

/** The Entra object id inside a `29:` id made by {@link teamsUserId}; undefined for any other id. */
export function aadObjectIdFromTeamsUserId(id: string): string | undefined {
  if (!id.startsWith('29:1')) return undefined;
  const encoded = id.slice(4);
  const decoded = Buffer.from(encoded, 'base64url').toString('utf8');
  return /^[\w.-]+$/.test(decoded) && base64url(decoded) === encoded ? decoded : undefined;
}

/** One key per person, whichever id form a caller used (`29:` id or Entra object id). */
export function userKey(id: string): string {
  return aadObjectIdFromTeamsUserId(id) ?? id;
}

/** The bot's account id as Teams writes it (`28:<appId>`). */
export function botAccountId(botId: string): string {
  return botId.startsWith('28:') ? botId : `28:${botId}`;
}

/** The 1:1 conversation id between a bot and a user: stable, like the one Teams returns on every createConversation. */
export function personalConversationId(botId: string, userId: string): string {
  const bot = botId.startsWith('28:') ? botId.slice(3) : botId;
  return `a:1${digest(`${bot}|${userKey(userId)}`).toString('base64url')}`;
}

/** A channel thread id (`19:…@thread.tacv2`) derived from a name. */
export function channelThreadId(seed: string): string {
  return `19:${digest(`channel|${seed}`).toString('hex').slice(0, 32)}@thread.tacv2`;
}

/** A group chat id (`19:…@thread.v2`) derived from a name. */
export function groupChatId(seed: string): string {
  return `19:${digest(`group|${seed}`).toString('hex').slice(0, 32)}@thread.v2`;
}

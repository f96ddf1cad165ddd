import { createTeamsAdapter } from '../../adapters/bot/teams-adapter-factory';
import { PrivateSender } from '../../adapters/bot/private-sender';
import { TeamsMessenger } from '../../adapters/bot/teams-messenger';
import { DEFAULT_CONNECTOR_CALL_LIMITS } from '../../adapters/bot/connector-call-policy';
import { SqlConversationReferenceStore } from '../../adapters/storage/sql-conversation-reference-store';
import type { Platform } from './platform';

/** Teams as every capability reaches it: the adapter, the chats the bot knows, and the ways to post into them. */
export type TeamsSlice = ReturnType<typeof wireTeams>;

export function wireTeams(platform: Platform) {
  const { config, overrides, metrics } = platform;
  const botAppId = config.bot.credential.kind === 'anonymous' ? undefined : config.bot.credential.appId;
  const adapter = createTeamsAdapter(config.bot.credential, config.tenantId, config.bot.tokenValidation, overrides.botCredentialsFactory, {
    ...DEFAULT_CONNECTOR_CALL_LIMITS,
    observeAnswer: (status) => metrics.teamsResponses.inc({ status: String(status) }),
  });
  const references = new SqlConversationReferenceStore(platform.db);
  const messenger = new TeamsMessenger(adapter, {
    botAppId: botAppId ?? '',
    tenantId: config.tenantId,
    observeOutcome: (outcome) => metrics.sends.inc({ outcome }),
    // A new 1:1 chat goes to the Connector the tenant's last activity came from; the configured one until then.
    endpoint: async () => {
      const latest = await references.latestBotEndpoint();
      return { serviceUrl: latest.serviceUrl ?? config.nudges.serviceUrl, botId: botAppId ? `28:${botAppId}` : (latest.botId ?? '28:') };
    },
  });
  return { adapter, botAppId, references, messenger, privateSender: new PrivateSender(adapter, references, botAppId ?? '') };
}

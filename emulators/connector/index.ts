// A local Bot Connector service (the Teams side of the Bot Framework v3 REST API) and the activities Teams would post
// to a bot, for tests, demos and benchmarks.
export * from './connector-emulator';
export * from './activity-factory';
export { ADAPTIVE_CARD_CONTENT_TYPE } from './received-log';
export type { ReceivedRequest, RecordedActivity, ActivityKind } from './received-log';
export type { FaultSpec } from './fault-injector';
export type { ConnectorOperation } from './connector-route';
export { aadObjectIdFromTeamsUserId, botAccountId, personalConversationId, teamsUserId, channelThreadId, groupChatId } from './teams-ids';

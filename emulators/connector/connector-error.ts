/**
 * Error answers in the Bot Connector's shape (`ErrorResponse`: `{ error: { code, message } }`), with the codes and
 * messages Teams documents in "Status codes from bot conversational APIs". botbuilder's ConnectorClient turns these
 * into a RestError whose `statusCode` and `code` the bot classifies, so the codes must be exact.
 */
export interface ConnectorError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export const connectorErrors = {
  badArgument: (message: string): ConnectorError => ({ status: 400, code: 'BadArgument', message }),
  unauthorized: (): ConnectorError => ({ status: 401, code: 'Unauthorized', message: 'Authorization has been denied for this request.' }),
  conversationBlockedByUser: (): ConnectorError => ({
    status: 403,
    code: 'ConversationBlockedByUser',
    message: 'User blocked the conversation with the bot.',
  }),
  notInstalledForUser: (): ConnectorError => ({
    status: 403,
    code: 'ForbiddenOperationException',
    message: "Bot is not installed in user's personal scope",
  }),
  botNotInRoster: (): ConnectorError => ({
    status: 403,
    code: 'BotNotInConversationRoster',
    message: 'The bot is not part of the conversation roster.',
  }),
  activityNotFound: (activityId: string): ConnectorError => ({
    status: 404,
    code: 'ActivityNotFoundInConversation',
    message: `Unknown activity ${activityId} in this conversation.`,
  }),
  memberNotFound: (memberId: string): ConnectorError => ({
    status: 404,
    code: 'MemberNotFoundInConversation',
    message: `Member ${memberId} is not in this conversation.`,
  }),
  preconditionFailed: (): ConnectorError => ({
    status: 412,
    code: 'PreconditionFailed',
    message: 'Another operation on this conversation is in progress: send one at a time.',
  }),
  messageSizeTooBig: (bytes: number, limit: number): ConnectorError => ({
    status: 413,
    code: 'MessageSizeTooBig',
    message: `Message is ${bytes} bytes (UTF-16), over the ${limit}-byte limit.`,
  }),
  throttled: (scope: string): ConnectorError => ({ status: 429, code: 'Throttled', message: `Too many requests (${scope}).` }),
  notImplemented: (route: string): ConnectorError => ({
    status: 501,
    code: 'NotImplemented',
    message: `The Connector emulator does not implement ${route}. Add the route to the emulator (emulators/connector) or stop calling it.`,
  }),
};

/** Codes the emulator answers for a status when a test injects a fault without naming one. */
export function defaultFault(status: number): ConnectorError {
  const codes: Record<number, [string, string]> = {
    400: ['BadArgument', 'Injected fault: bad argument.'],
    401: ['BotNotRegistered', 'Injected fault: no registration found for this bot.'],
    403: ['BotDisabledByAdmin', 'Injected fault: the tenant admin disabled this bot.'],
    404: ['ConversationNotFound', 'Injected fault: conversation not found.'],
    412: ['PreconditionFailed', 'Injected fault: conflicting operation on the conversation.'],
    413: ['MessageSizeTooBig', 'Injected fault: message too big.'],
    429: ['Throttled', 'Injected fault: too many requests.'],
    500: ['ServiceError', 'Injected fault: internal service error.'],
    502: ['BadGateway', 'Injected fault: bad gateway.'],
    503: ['ServiceUnavailable', 'Injected fault: service unavailable.'],
    504: ['GatewayTimeout', 'Injected fault: gateway timeout.'],
  };
  const [code, message] = codes[status] ?? ['ServiceError', `Injected fault: status ${status}.`];
  return { status, code, message };
}

/** One raw HTTP call to the Connector emulator, for tests that check status codes, headers and error bodies. */
export interface ConnectorAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export async function callConnector(
  serviceUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ConnectorAnswer> {
  const response = await fetch(new URL(path, serviceUrl), {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The path of a conversation's activities, encoded the way botbuilder encodes it. */
export const activitiesPath = (conversationId: string, activityId?: string): string =>
  `v3/conversations/${encodeURIComponent(conversationId)}/activities${activityId === undefined ? '' : `/${encodeURIComponent(activityId)}`}`;

export const TENANT = 'f6c2a0d4-1c2b-4e5f-9a7b-0c1d2e3f4a5b';
export const BOT_ID = '2b1e7c55-8f0a-4c3e-9d1b-6a5f4e3d2c1b';
export const USER = 'c33aafc4-646d-4543-9d4c-abd28e4d2110';

/** ConversationParameters for a 1:1 chat with `member`, as botbuilder sends them. */
export const oneToOne = (member: string, activity?: unknown): Record<string, unknown> => ({
  isGroup: false,
  bot: { id: `28:${BOT_ID}` },
  members: [{ id: member }],
  tenantId: TENANT,
  channelData: { tenant: { id: TENANT } },
  ...(activity === undefined ? {} : { activity }),
});

export const text = (value: string): Record<string, unknown> => ({ type: 'message', text: value });

export const cardActivity = (title: string): Record<string, unknown> => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] },
    },
  ],
});

import { activityFactory, startConnectorEmulator } from '../emulators/connector';
import type { DemoTenant, DemoUser } from '../emulators/demo-tenant';

/**
 * The demo's second person. The Playground chats as one person at a time, so while you are the employee there,
 * the admin types in the demo's terminal: their messages reach the bot as Teams messages from them, through a
 * local Bot Connector emulator standing in for their own Teams client, and the answers come back as text. A
 * nudge the admin sends goes to the employee's chat in the Playground, as a real one would.
 */
export interface TerminalChat {
  readonly person: DemoUser;
  /** Sends one message as them; answers with what the bot said back, as plain lines. */
  say(text: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTerminalChat(options: { botUrl: string; tenant: DemoTenant; person: DemoUser }): Promise<TerminalChat> {
  const connector = await startConnectorEmulator({ log: () => undefined });
  const teams = activityFactory({ serviceUrl: connector.url, botId: options.tenant.botAppId, tenantId: options.tenant.tenantId });
  const user = { aadObjectId: options.person.id, name: options.person.displayName };
  const post = async (activity: object) => {
    const response = await fetch(options.botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status >= 400) throw new Error(`the bot answered ${response.status}`);
  };
  // As when the admin installed the app: the bot keeps their personal chat, so private answers have somewhere to go.
  await post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
  return {
    person: options.person,
    async say(text) {
      connector.clear();
      await post(teams.aMessage({ text, user }));
      return connector.activities(teams.personalConversationId(user)).map((a) => plainText(a.activity));
    },
    close: () => connector.close(),
  };
}

/** A message's text, or its card's TextBlocks, one per line; markdown escapes removed. */
function plainText(activity: Record<string, unknown>): string {
  if (typeof activity.text === 'string' && activity.text !== '') return unescape(activity.text);
  const cards = ((activity.attachments ?? []) as { content?: unknown }[]).map((a) => a.content);
  // Chart elements render as blank text blocks; leave them out.
  return cards
    .map((card) =>
      textBlocks(card)
        .filter((line) => line.trim() !== '')
        .join('\n'),
    )
    .join('\n');
}

function textBlocks(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textBlocks);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record.type === 'TextBlock' && typeof record.text === 'string' ? [unescape(record.text)] : [];
  return [
    ...own,
    ...Object.entries(record)
      .filter(([key]) => key !== 'text')
      .flatMap(([, value]) => textBlocks(value)),
  ];
}

/** Markdown as a terminal shows it: bold's asterisks gone ("**Set up now**" reads "Set up now"), escapes removed. */
function unescape(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\\([\\`*_{}[\]()#+\-.!|>~<])/g, '$1');
}

/** The bot's replies as the terminal shows them: one "MFA Coach:" per reply that says something, none for an empty one. */
export function terminalLines(botName: string, replies: readonly string[]): string {
  const said = replies.map((reply) => reply.trim()).filter((reply) => reply !== '');
  return said.map((reply) => `  ${botName}: ${reply.replace(/\n/g, '\n    ')}`).join('\n') || '  (no answer)';
}

/** Why a message could not go, in words: a refused connection means the bot stopped, not a puzzle in an error code. */
export function unreachableText(error: unknown): string {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET')
    return 'The bot is not answering: it may be stopping, or it stopped. Start the demo again.';
  return `Could not reach the bot: ${(error as Error).message}`;
}

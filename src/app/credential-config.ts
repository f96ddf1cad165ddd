import { isGuid } from '../domain/guid';
import type { BotCredential } from '../adapters/bot/bot-credential';
import type { GraphCredential } from '../adapters/graph/graph-credential';
import { read, type Env } from './config-reading';

export function readBotCredential(env: Env, problems: string[]): BotCredential {
  const appId = read(env, 'BOT_ID');
  const type = read(env, 'BOT_TYPE') ?? 'SingleTenant';
  if (!appId) problems.push("BOT_ID: the Application (client) ID of the bot's Microsoft Entra app registration.");
  else if (!isGuid(appId)) problems.push('BOT_ID must be a GUID (the Application (client) ID).');
  if (type === 'UserAssignedMsi') return { kind: 'managedIdentity', appId: appId ?? '' };
  if (type !== 'SingleTenant' && type !== 'MultiTenant') {
    problems.push('BOT_TYPE must be SingleTenant, MultiTenant or UserAssignedMsi.');
    return { kind: 'anonymous' };
  }
  const password = read(env, 'SECRET_BOT_PASSWORD') ?? read(env, 'BOT_PASSWORD');
  const thumbprint = read(env, 'BOT_CERTIFICATE_THUMBPRINT');
  const privateKeyFile = read(env, 'BOT_CERTIFICATE_PRIVATE_KEY_FILE');
  if (password) return { kind: 'secret', appId: appId ?? '', password, appType: type };
  if (thumbprint && privateKeyFile) return { kind: 'certificate', appId: appId ?? '', thumbprint, privateKeyFile, appType: type };
  problems.push(
    "SECRET_BOT_PASSWORD (the bot app's client secret), or BOT_CERTIFICATE_THUMBPRINT with BOT_CERTIFICATE_PRIVATE_KEY_FILE, or BOT_TYPE=UserAssignedMsi for a managed identity.",
  );
  return { kind: 'anonymous' };
}

export function readGraphCredential(env: Env, bot: BotCredential, problems: string[]): GraphCredential {
  const clientId = read(env, 'GRAPH_CLIENT_ID') ?? ('appId' in bot ? bot.appId : undefined);
  const sameAppAsBot = !read(env, 'GRAPH_CLIENT_ID');
  // The proactive-install permission is tied to the bot's own app (webApplicationInfo), so by default
  // Graph is called as that app, with its secret.
  const botSecret = sameAppAsBot && bot.kind === 'secret' ? bot.password : undefined;
  const secret = read(env, 'SECRET_GRAPH_CLIENT_SECRET') ?? read(env, 'GRAPH_CLIENT_SECRET') ?? botSecret;
  const certificateFile = read(env, 'GRAPH_CERTIFICATE_FILE');
  const managed = read(env, 'GRAPH_USE_MANAGED_IDENTITY') === 'true' || bot.kind === 'managedIdentity';
  if (managed) return { kind: 'managedIdentity', clientId: read(env, 'GRAPH_CLIENT_ID') ?? ('appId' in bot ? bot.appId : undefined) };
  if (secret && clientId) return { kind: 'secret', clientId, secret };
  if (certificateFile && clientId) return { kind: 'certificate', clientId, certificateFile };
  problems.push(
    'SECRET_GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_FILE (a PEM with certificate and key) or GRAPH_USE_MANAGED_IDENTITY=true: how MFA Coach signs in to Microsoft Graph (GRAPH_CLIENT_ID defaults to BOT_ID, and then the bot secret is used).',
  );
  return { kind: 'static', token: '' };
}

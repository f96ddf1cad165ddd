import type { DemoUser } from '../../demo-tenant';
import type { FilterResource } from '../compile-filter';
import { badRequest, GraphError, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import type { TeamsAppInstallation, TeamsCatalogApp } from '../graph-state';
import { readExpand, readFilter, rejectUnknownOptions } from '../odata-query';

/**
 * Proactive install: the bot may only message someone who has it installed. POST installs it (201, or 409 when
 * it already is), GET with `$filter=teamsApp/id eq '…'` finds the installation, `/chat` gives the 1:1 chat id.
 */
export const teamworkRoutes: GraphRoute[] = [
  route('GET', '/users/{id}/teamwork/installedApps', 'teamwork', listInstalledApps),
  route('POST', '/users/{id}/teamwork/installedApps', 'teamwork', installApp),
  route('GET', '/users/{id}/teamwork/installedApps/{installationId}', 'teamwork', getInstalledApp),
  route('DELETE', '/users/{id}/teamwork/installedApps/{installationId}', 'teamwork', uninstallApp),
  route('GET', '/users/{id}/teamwork/installedApps/{installationId}/chat', 'teamwork', getChat),
  route('GET', '/appCatalogs/teamsApps', 'teamwork', listCatalog),
];

interface InstalledApp {
  installation: TeamsAppInstallation;
  app: TeamsCatalogApp;
}

const INSTALLATION_FILTER: FilterResource<InstalledApp> = {
  typeName: 'microsoft.graph.userScopeTeamsAppInstallation',
  schema: {
    'teamsApp/id': { type: 'string', get: (i) => i.app.id, operators: ['eq'] },
    'teamsApp/externalId': { type: 'string', get: (i) => i.app.externalId, operators: ['eq'] },
    'teamsApp/displayName': { type: 'string', get: (i) => i.app.displayName, operators: ['eq'] },
  },
};

function listInstalledApps(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$filter', '$expand']);
  const user = owner(id as string, ctx);
  const predicate = readFilter(req, INSTALLATION_FILTER);
  const expand = readExpand(req, ['teamsApp', 'teamsAppDefinition']);
  const installed = installedApps(user, ctx).filter((i) => !predicate || predicate(i));
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id as string)}')/teamwork/installedApps`,
    value: installed.map((i) => renderInstallation(i, expand)),
  });
}

function getInstalledApp(req: GraphRequest, [id, installationId]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$expand']);
  const user = owner(id as string, ctx);
  const found = installedApps(user, ctx).find((i) => i.installation.id === installationId);
  if (!found) throw notFound(installationId as string);
  const expand = readExpand(req, ['teamsApp', 'teamsAppDefinition']);
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id as string)}')/teamwork/installedApps/$entity`,
    ...renderInstallation(found, expand),
  });
}

function installApp(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = owner(id as string, ctx);
  const appId = boundAppId((req.body as Record<string, unknown> | undefined)?.['teamsApp@odata.bind'], ctx.baseUrl);
  // Company Communicator reads 404 here as "the app is not in the tenant's catalog".
  if (!ctx.state.catalog.some((a) => a.id === appId))
    throw new GraphError(
      404,
      'NotFound',
      `The Teams app '${appId}' is not in the tenant's app catalog. (Use the catalog id, not the manifest id.)`,
    );
  const { created } = ctx.state.installApp(user.id, appId);
  if (!created) throw new GraphError(409, 'Conflict', `The app '${appId}' is already installed for user '${user.id}'.`);
  // Graph: "201 Created. It doesn't return anything in the response body."
  return { status: 201 };
}

/**
 * The app id in `teamsApp@odata.bind`. A bind URL names an entity of the Graph the request is sent to, so this
 * accepts the emulator's own origin (what a client configured with it sends) or the public Graph's (hand-written
 * requests), and refuses any other host with 400: a client that names the wrong cloud fails here, not in a
 * national cloud.
 */
function boundAppId(bind: unknown, ownOrigin: string): string {
  const shape = `"teamsApp@odata.bind": "${ownOrigin}/v1.0/appCatalogs/teamsApps/{teamsAppId}"`;
  const parsed = typeof bind === 'string' ? parseBind(bind) : undefined;
  if (!parsed) throw badRequest(`The body needs ${shape}.`);
  if (parsed.origin !== new URL(ownOrigin).origin && parsed.origin !== 'https://graph.microsoft.com')
    throw badRequest(`The bind URL names another host (${parsed.origin}); it must be this Graph's: ${shape}.`);
  return parsed.appId;
}

function parseBind(bind: string): { origin: string; appId: string } | undefined {
  try {
    const url = new URL(bind);
    const appId = /^\/v1\.0\/appCatalogs\/teamsApps\/([^/]+)$/i.exec(url.pathname)?.[1];
    if (!appId || url.search || url.hash) return undefined;
    return { origin: url.origin, appId: decodeURIComponent(appId) };
  } catch {
    return undefined; // not a URL, or a malformed escape in the id
  }
}

function uninstallApp(req: GraphRequest, [id, installationId]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = owner(id as string, ctx);
  const found = installedApps(user, ctx).find((i) => i.installation.id === installationId);
  if (!found) throw notFound(installationId as string);
  ctx.state.uninstallApp(user.id, found.app.id);
  return { status: 204 };
}

function getChat(req: GraphRequest, [id, installationId]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = owner(id as string, ctx);
  const found = installedApps(user, ctx).find((i) => i.installation.id === installationId);
  if (!found) throw notFound(installationId as string);
  return ok({ '@odata.context': `${ctx.metadata}#chats/$entity`, id: found.installation.chatId, chatType: 'oneOnOne', topic: null });
}

const CATALOG_FILTER: FilterResource<TeamsCatalogApp> = {
  typeName: 'microsoft.graph.teamsApp',
  schema: {
    id: { type: 'string', get: (a) => a.id, operators: ['eq'] },
    externalId: { type: 'string', get: (a) => a.externalId, operators: ['eq'] },
    displayName: { type: 'string', get: (a) => a.displayName, operators: ['eq'] },
    distributionMethod: { type: 'string', get: (a) => a.distributionMethod, operators: ['eq'] },
  },
};

/** `GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'`: how a deployment finds its catalog id. */
function listCatalog(req: GraphRequest, _params: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$filter', '$expand']);
  const predicate = readFilter(req, CATALOG_FILTER);
  const expand = readExpand(req, ['appDefinitions']);
  return ok({
    '@odata.context': `${ctx.metadata}#appCatalogs/teamsApps`,
    value: ctx.state.catalog
      .filter((a) => !predicate || predicate(a))
      .map((a) => ({ ...renderApp(a), ...(expand.has('appDefinitions') ? { appDefinitions: [renderDefinition(a)] } : {}) })),
  });
}

function installedApps(user: DemoUser, ctx: RouteContext): InstalledApp[] {
  return ctx.state
    .installationsOf(user.id)
    .map((installation) => ({ installation, app: ctx.state.catalog.find((a) => a.id === installation.teamsAppId) as TeamsCatalogApp }));
}

function renderInstallation({ installation, app }: InstalledApp, expand: Map<string, string | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: installation.id };
  if (expand.has('teamsApp')) out.teamsApp = renderApp(app);
  if (expand.has('teamsAppDefinition')) out.teamsAppDefinition = renderDefinition(app);
  return out;
}

function renderApp(app: TeamsCatalogApp): Record<string, unknown> {
  return { id: app.id, externalId: app.externalId, displayName: app.displayName, distributionMethod: app.distributionMethod };
}

function renderDefinition(app: TeamsCatalogApp): Record<string, unknown> {
  return {
    id: Buffer.from(`${app.id}##${app.version}`, 'utf8').toString('base64'),
    teamsAppId: app.id,
    azureADAppId: app.azureADAppId,
    displayName: app.displayName,
    version: app.version,
    publishingState: 'published',
    shortDescription: app.displayName === 'MFA Coach' ? 'Gets every employee onto strong multi-factor authentication.' : app.displayName,
    lastModifiedDateTime: null,
    createdBy: null,
  };
}

function owner(id: string, ctx: RouteContext): DemoUser {
  const user = ctx.state.findUser(id);
  if (!user) throw notFound(id);
  return user;
}

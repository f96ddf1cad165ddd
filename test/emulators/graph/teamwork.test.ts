import { demoPersonas, generateDemoTenant } from '../../../emulators/demo-tenant';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 100 });
const { employee, admin } = demoPersonas(tenant);
const bind = (appId: string) => ({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${appId}` });

const graph = useGraphEmulator({ tenant });

describe('users/{id}/teamwork/installedApps', () => {
  it('installs the app with 201 and no body, then answers 409 Conflict', async () => {
    const first = await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, {
      method: 'POST',
      body: bind(tenant.teamsAppId),
    });
    expect(first.status).toBe(201);
    expect(first.body).toBeUndefined();
    const second = await graphFetch(graph, `/v1.0/users/${employee.userPrincipalName}/teamwork/installedApps`, {
      method: 'POST',
      body: bind(tenant.teamsAppId),
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('Conflict');
  });

  it('answers 404 for an app outside the catalog (e.g. the manifest id) and 400 without a binding', async () => {
    expect(
      (
        await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, {
          method: 'POST',
          body: bind(tenant.teamsAppExternalId),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, {
          method: 'POST',
          body: { teamsApp: tenant.teamsAppId },
        })
      ).status,
    ).toBe(400);
  });

  it('binds at its own origin or graph.microsoft.com, and refuses another host or path with 400', async () => {
    const install = (bindUrl: string) =>
      graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, { method: 'POST', body: { 'teamsApp@odata.bind': bindUrl } });
    const catalogPath = `/v1.0/appCatalogs/teamsApps/${tenant.teamsAppId}`;
    for (const foreign of [
      `https://graph.microsoft.us${catalogPath}`,
      `https://evil.example${catalogPath}`,
      `${graph.url}/beta/appCatalogs/teamsApps/${tenant.teamsAppId}`,
    ]) {
      const refused = await install(foreign);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(`${graph.url}/v1.0/appCatalogs/teamsApps/{teamsAppId}`);
    }
    expect(graph.state.installationsOf(employee.id)).toHaveLength(0);
    expect((await install(`${graph.url}${catalogPath}`)).status).toBe(201);
    graph.state.uninstallApp(employee.id, tenant.teamsAppId);
    expect((await install(`https://graph.microsoft.com${catalogPath}`)).status).toBe(201);
  });

  it('finds the installation by teamsApp/id with $expand, and gives the 1:1 chat id', async () => {
    graph.state.installApp(admin.id, '0d820ecd-def2-4297-adad-78056cde7c78'); // another app, to be filtered out
    expect(graph.state.installApp(admin.id).created).toBe(true);
    const all = await graphFetch(graph, `/v1.0/users/${admin.id}/teamwork/installedApps`);
    expect(all.body.value).toHaveLength(2);
    expect(Object.keys(all.body.value[0])).toEqual(['id']);
    const mine = await graphFetch(
      graph,
      `/v1.0/users/${admin.id}/teamwork/installedApps?$expand=teamsApp,teamsAppDefinition&$filter=teamsApp/id eq '${tenant.teamsAppId}'`,
    );
    expect(mine.body.value).toHaveLength(1);
    const installation = mine.body.value[0];
    expect(installation.teamsApp).toMatchObject({
      id: tenant.teamsAppId,
      externalId: tenant.teamsAppExternalId,
      displayName: 'MFA Coach',
      distributionMethod: 'organization',
    });
    expect(installation.teamsAppDefinition).toMatchObject({ teamsAppId: tenant.teamsAppId, azureADAppId: tenant.botAppId });
    const chat = await graphFetch(graph, `/v1.0/users/${admin.id}/teamwork/installedApps/${encodeURIComponent(installation.id)}/chat`);
    expect(chat.status).toBe(200);
    expect(chat.body.id).toMatch(/^19:.+@unq\.gbl\.spaces$/);
    expect(chat.body.id).toContain(admin.id);
    expect(
      (await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps/${encodeURIComponent(installation.id)}/chat`)).status,
    ).toBe(404);
  });

  it('filters by the manifest id (teamsApp/externalId) and refuses other filters', async () => {
    graph.state.installApp(employee.id);
    const byManifest = await graphFetch(
      graph,
      `/v1.0/users/${employee.id}/teamwork/installedApps?$filter=teamsApp/externalId eq '${tenant.teamsAppExternalId}'`,
    );
    expect(byManifest.body.value).toHaveLength(1);
    expect((await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps?$filter=teamsApp/version eq '1'`)).status).toBe(400);
  });

  it('uninstalls with DELETE, after which POST installs again', async () => {
    const { installation } = graph.state.installApp(employee.id);
    expect(
      (
        await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps/${encodeURIComponent(installation.id)}`, {
          method: 'DELETE',
        })
      ).status,
    ).toBe(204);
    expect(
      (await graphFetch(graph, `/v1.0/users/${employee.id}/teamwork/installedApps`, { method: 'POST', body: bind(tenant.teamsAppId) }))
        .status,
    ).toBe(201);
  });

  it('looks up the catalog id from the manifest id', async () => {
    const catalog = await graphFetch(graph, `/v1.0/appCatalogs/teamsApps?$filter=externalId eq '${tenant.teamsAppExternalId}'`);
    expect(catalog.body.value).toEqual([expect.objectContaining({ id: tenant.teamsAppId, externalId: tenant.teamsAppExternalId })]);
  });
});

import type { Client } from '@microsoft/microsoft-graph-client';
import type { AppInstaller, InstallOutcome } from '../../domain/ports/nudge-delivery';
import { GraphCaller } from './graph-caller';
import { GraphFailure } from './graph-failure';
import { systemClock } from '../request-pacer';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

/** When Graph throttles installs past our retries, how long the caller should wait (Graph said no more). */
const THROTTLED_RETRY_MS = 60_000;

/**
 * Proactive install: `POST /users/{id}/teamwork/installedApps` with the app's catalog id (not the manifest id).
 * Needs TeamsAppInstallation.ReadWriteSelfForUser.All. 409 means it is already installed, which is what we
 * wanted; 404 means the catalog id is wrong or the app is not published to the org catalog; 403 means consent or
 * a Teams app policy stands in the way. Neither is retried: the operator has to act.
 */
export class GraphAppInstaller implements AppInstaller {
  private readonly caller: GraphCaller;

  constructor(
    client: Client,
    /** The app's id in the tenant's Teams app catalog; undefined = proactive install is not configured. */
    private readonly catalogAppId: string | undefined,
    /**
     * The origin the client sends to (the cloud's Graph, or an emulator): the bind URL names an entity of the
     * Graph that receives it, so in a national cloud it is that cloud's host, not graph.microsoft.com.
     */
    private readonly graphOrigin: string,
    retry: Partial<RetryPolicy> = {},
  ) {
    this.caller = new GraphCaller(client, { ...DEFAULT_RETRY_POLICY, ...retry }, systemClock);
  }

  async installFor(userId: string): Promise<InstallOutcome> {
    if (!this.catalogAppId) return { kind: 'notInstallable', reason: 'proactive install is not configured (TEAMS_APP_CATALOG_ID)' };
    try {
      await this.caller.send({
        method: 'POST',
        path: `/users/${encodeURIComponent(userId)}/teamwork/installedApps`,
        body: { 'teamsApp@odata.bind': `${this.graphOrigin}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.catalogAppId)}` },
      });
      return { kind: 'installed' };
    } catch (error) {
      if (!(error instanceof GraphFailure)) return { kind: 'failed', reason: (error as Error).message };
      if (error.status === 409) return { kind: 'alreadyInstalled' };
      if (error.status === 404)
        return { kind: 'notInstallable', reason: `Graph answered 404 ${error.code ?? ''}: the user or the catalog app is unknown`.trim() };
      if (error.status === 403)
        return {
          kind: 'notInstallable',
          reason: `Graph answered 403 ${error.code ?? ''}: install not allowed (permission or app policy)`.trim(),
        };
      if (error.kind === 'throttled') return { kind: 'throttled', retryAfterMs: THROTTLED_RETRY_MS };
      return { kind: 'failed', reason: error.message };
    }
  }
}

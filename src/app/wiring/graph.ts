import { createGraphClient, tokenSourceFor } from '../../adapters/graph/graph-client';
import { GraphDirectory } from '../../adapters/graph/graph-directory';
import { GraphAppInstaller } from '../../adapters/graph/graph-app-installer';
import { GraphTenantPolicies } from '../../adapters/graph/graph-tenant-policies';
import { GraphSmtpSignInLog } from '../../adapters/graph/graph-smtp-sign-in-log';
import { graphEndpoints } from '../../adapters/graph/graph-clouds';
import { REPORTS_BUDGET } from '../../adapters/graph/reports-budget';
import { rolesOfAccessToken } from '../../adapters/graph/token-roles';
import { RequestPacer } from '../../adapters/request-pacer';
import type { AppConfig } from '../config';
import type { Platform } from './platform';
import { TURN_GRAPH_RETRY, TURN_REPORTS_WAIT_MS } from './tuning';

/** Microsoft Graph, as turns and as scans use it. */
export type GraphSlice = ReturnType<typeof wireGraph>;

/** The configured cloud, the credential's token source and the one Graph client on it (the bot's, and the doctor's). */
export function graphClientFor(config: AppConfig, observeAnswer?: (status: number | 'error') => void) {
  const cloud = graphEndpoints(config.graph.cloud, config.graph.baseUrl);
  const token = tokenSourceFor(config.graph.credential, config.tenantId, cloud);
  return { cloud, token, client: createGraphClient(config.graph.baseUrl, token, undefined, observeAnswer) };
}

export function wireGraph({ config, logger, overrides, metrics }: Platform) {
  const { cloud, token, client } = graphClientFor(config, (status) => metrics.graphResponses.inc({ status: String(status) }));
  const registrationSource = config.posture.registrationSource;
  // One pacer for the tenant's reports budget, shared by scans and live rechecks. Turns must answer within
  // seconds, so their directory gives up quickly (busy or failing Graph → "try later"); the scan is patient.
  const reportsPacer = new RequestPacer(overrides.reportsBudget ?? REPORTS_BUDGET);
  return {
    // The client, its token source and the reports budget, for the doctor's checks.
    client,
    token,
    reportsPacer,
    directory: new GraphDirectory(client, {
      registrationSource,
      reportsPacer,
      maxPacerWaitMs: TURN_REPORTS_WAIT_MS,
      retry: TURN_GRAPH_RETRY,
    }),
    scanDirectory: new GraphDirectory(client, { registrationSource, reportsPacer, log: logger }),
    // Brief, like the turn's directory: a longer throttle becomes "throttled" and a queued retry, not a stuck turn.
    installer: new GraphAppInstaller(client, config.nudges.teamsAppCatalogId, cloud.graphOrigin, TURN_GRAPH_RETRY),
    // `policy` reads Entra's settings while the admin waits: brief retries, as the turn's directory. The token's
    // roles tell ahead whether the campaign may be changed, so the card offers no form that would only meet a 403.
    tenantPolicies: new GraphTenantPolicies(client, TURN_GRAPH_RETRY, async () => rolesOfAccessToken(await token())),
    // Read after each scan, as patient as the scan, in the same reports budget (the sign-in log is in that service).
    smtpSignInLog: new GraphSmtpSignInLog(client, reportsPacer, { grantedRoles: async () => rolesOfAccessToken(await token()) }),
  };
}

import { applyMethodsPolicyPatch } from '../campaign-patch';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { rejectUnknownOptions } from '../odata-query';

const PATH = '/policies/authenticationMethodsPolicy';

/**
 * `GET|PATCH /policies/authenticationMethodsPolicy` (v1.0): the registration campaign ("nudge") and the per-method
 * configurations. Policy reads are not in any throttled bucket the emulator models, hence 'directory' (unlimited).
 */
export const authenticationMethodsPolicyRoutes: GraphRoute[] = [
  route('GET', PATH, 'directory', (req, _params, ctx) => {
    // The v1.0 page: this method doesn't support optional query parameters.
    rejectUnknownOptions(req, []);
    return ok(render(ctx));
  }),
  route('PATCH', PATH, 'directory', (req: GraphRequest, _params, ctx) => {
    rejectUnknownOptions(req, []);
    ctx.state.policies.setRegistrationCampaign(applyMethodsPolicyPatch(ctx.state.policies.registrationCampaign, req.body));
    // The v1.0 update page: "If successful, this method returns a 200 OK response code and an updated
    // authenticationMethodsPolicy object in the response body" (a client must accept a 204 from Graph as well).
    return ok(render(ctx));
  }),
];

/**
 * The v1.0 resource, properties in the GET example's order. The example returns authenticationMethodConfigurations
 * inline although it is a navigation property; so does the emulator. `enforceRegistrationAfterAllowedSnoozes`
 * and the beta-only policy properties (systemCredentialPreferences, microsoftAuthenticatorPlatformSettings,
 * reportSuspiciousActivitySettings) are not part of v1.0 and never appear here.
 */
function render(ctx: RouteContext): Record<string, unknown> {
  const policies = ctx.state.policies;
  return {
    '@odata.context': `${ctx.metadata}#authenticationMethodsPolicy`,
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description:
      'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings',
    lastModifiedDateTime: policies.authenticationMethodsPolicyModified,
    policyVersion: '1.5',
    policyMigrationState: 'migrationComplete',
    reconfirmationInDays: 180,
    registrationEnforcement: { authenticationMethodsRegistrationCampaign: policies.registrationCampaign },
    authenticationMethodConfigurations: policies.authenticationMethodConfigurations,
  };
}

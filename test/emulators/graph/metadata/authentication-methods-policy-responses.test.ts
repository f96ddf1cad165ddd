import { generateDemoTenant, scenarioPeople } from '../../../../emulators/demo-tenant';
import {
  registrationCampaignPatch,
  type GraphAuthenticationMethodsPolicy,
} from '../../../../src/adapters/graph/registration-campaign-policy';
import type { CampaignChange } from '../../../../src/domain/policy/campaign-change';
import { graphFetch } from '../graph-fetch';
import { useGraphEmulator } from '../use-graph-emulator';
import { entityProblems, expectConforms, expectTamperingCaught, metadataChecker } from './metadata-assertions';

const tenant = generateDemoTenant({ users: 60 });
const cast = scenarioPeople(tenant);
const graph = useGraphEmulator({ tenant, logNotImplemented: false });
const PATH = '/v1.0/policies/authenticationMethodsPolicy';
const POLICY = 'authenticationMethodsPolicy';
/**
 * Navigation properties, yet Graph returns them inline: the v1.0 "Get authenticationMethodsPolicy" example response
 * carries authenticationMethodConfigurations, each with its includeTargets, without $expand; the emulator does too.
 */
const INLINE = { expanded: ['authenticationMethodConfigurations', 'authenticationMethodConfigurations/includeTargets'] };

/** The changes an admin can ask the bot for (checkCampaignChange's outcomes), each turned into the product's PATCH body. */
const CHANGES: readonly CampaignChange[] = [
  { state: 'enabled' },
  { state: 'disabled' },
  { state: 'microsoftManaged' },
  { target: 'passkey' },
  { target: 'microsoftAuthenticator' },
  { snoozeDays: 0 },
  { snoozeDays: 14 },
  { state: 'enabled', target: 'passkey', snoozeDays: 3 },
];

const exclusionsGroup = () => tenant.groups.find((g) => g.displayName === 'MFA exclusions')!;

/** A campaign with user and group targets on both lists, so their item types are checked with values in them. */
function campaignWithTargets() {
  return {
    state: 'enabled',
    snoozeDurationInDays: 2,
    includeTargets: [
      { id: 'all_users', targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' },
      { id: cast.mobileOnly.id, targetType: 'user', targetedAuthenticationMethod: 'Fido2' },
    ],
    excludeTargets: [
      { id: exclusionsGroup().id, targetType: 'group' },
      { id: cast.breakGlass.id, targetType: 'user' },
    ],
  };
}

/** The body as it goes on the wire (JSON drops undefined members). */
const wire = (body: unknown) => JSON.parse(JSON.stringify(body));

describe('/policies/authenticationMethodsPolicy matches the Graph v1.0 metadata', () => {
  it('GET: the policy, its registration campaign and every method configuration (by @odata.type)', async () => {
    const answer = await graphFetch(graph, PATH);
    expectConforms(entityProblems(`GET ${PATH}`, answer, POLICY, INLINE));
    const configurations: { '@odata.type': string }[] = answer.body.authenticationMethodConfigurations;
    expect(configurations.length).toBeGreaterThan(5);
    // Each names its own derived type, so its own settings were checked, not only the base type's.
    for (const configuration of configurations) {
      expect(metadataChecker.metadata.isA(configuration['@odata.type'], 'authenticationMethodConfiguration')).toBe(true);
    }
  });

  it('GET with user and group targets on both campaign lists', async () => {
    graph.state.policies.setRegistrationCampaign(campaignWithTargets() as never);
    expectConforms(entityProblems(`GET ${PATH}`, await graphFetch(graph, PATH), POLICY, INLINE));
  });

  it('the PATCH bodies the bot sends are v1.0 authenticationMethodsPolicy deltas, and so are the answers', async () => {
    const problems: string[] = [];
    for (const start of [tenant.policies.registrationCampaign, campaignWithTargets()]) {
      for (const change of CHANGES) {
        graph.reset();
        graph.state.policies.setRegistrationCampaign(start as never);
        const current: GraphAuthenticationMethodsPolicy = (await graphFetch(graph, PATH)).body;
        const body = wire(registrationCampaignPatch(change, current));
        const request = `PATCH ${PATH} ${JSON.stringify(change)} from ${start.state}`;
        problems.push(...metadataChecker.check(body, POLICY).map((p) => `${request} body ${p}`));
        const answer = await graphFetch(graph, PATH, { method: 'PATCH', body });
        problems.push(...entityProblems(request, answer, POLICY, INLINE));
        const after = await graphFetch(graph, PATH);
        problems.push(...entityProblems(`GET ${PATH} after ${request}`, after, POLICY, INLINE));
      }
    }
    expectConforms(problems);
  });

  it('a PATCH body with the campaign from scratch (no policy read first) conforms too', () => {
    const body = wire(registrationCampaignPatch({ state: 'enabled', target: 'passkey', snoozeDays: 1 }, null));
    expect(body.registrationEnforcement.authenticationMethodsRegistrationCampaign.includeTargets).toHaveLength(1);
    expectConforms(metadataChecker.check(body, POLICY));
  });

  it('the checker catches beta-only and made-up fields, and wrong enum values, in a PATCH body and a GET answer', async () => {
    const body = wire(registrationCampaignPatch({ state: 'enabled' }, (await graphFetch(graph, PATH)).body));
    expectTamperingCaught(
      (patch) => metadataChecker.check(patch, POLICY),
      body,
      (copy) => {
        const campaign = copy.registrationEnforcement.authenticationMethodsRegistrationCampaign;
        campaign.enforceRegistrationAfterAllowedSnoozes = true;
        campaign.state = 'microsoftManaged';
        campaign.includeTargets[0].targetType = 'allUsers';
        campaign.snoozeDurationInDays = '3';
      },
      [
        /unknown property 'enforceRegistrationAfterAllowedSnoozes': not declared on authenticationMethodsRegistrationCampaign/,
        /state: 'microsoftManaged' is not a member of advancedConfigState/,
        /includeTargets\[0\]\.targetType: 'allUsers' is not a member of authenticationMethodTargetType/,
        /snoozeDurationInDays: expected an integer/,
      ],
    );
    const policy = (await graphFetch(graph, PATH)).body;
    expectTamperingCaught(
      (answer) => metadataChecker.check(answer, POLICY, INLINE),
      policy,
      (copy) => {
        copy.systemCredentialPreferences = null;
        copy.authenticationMethodConfigurations[0].state = 'on';
        copy.authenticationMethodConfigurations[1]['@odata.type'] = '#microsoft.graph.hardwareOathAuthenticationMethodConfiguration';
      },
      [
        /unknown property 'systemCredentialPreferences': not declared on authenticationMethodsPolicy/,
        /authenticationMethodConfigurations\[0\]\.state: 'on' is not a member of authenticationMethodState/,
        /hardwareOathAuthenticationMethodConfiguration is not a v1\.0 type derived from authenticationMethodConfiguration/,
      ],
    );
    // Without the inline exceptions, these are navigation properties nobody expanded.
    expect(metadataChecker.check(policy, POLICY)).toEqual([
      "$.authenticationMethodConfigurations: 'authenticationMethodConfigurations' is a navigation property of authenticationMethodsPolicy: Graph returns it only when $expand-ed",
    ]);
  });
});

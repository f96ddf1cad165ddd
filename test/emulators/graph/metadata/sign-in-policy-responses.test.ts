import { CONDITIONAL_ACCESS_POLICY_IDS, generateDemoTenant } from '../../../../emulators/demo-tenant';
import { graphFetch } from '../graph-fetch';
import { useGraphEmulator } from '../use-graph-emulator';
import { entityProblems, expectConforms, expectTamperingCaught, metadataChecker, walkProblems } from './metadata-assertions';

const tenant = generateDemoTenant({ users: 60 });
const graph = useGraphEmulator({ tenant, logNotImplemented: false });
const POLICIES = '/v1.0/identity/conditionalAccess/policies';
const CA_POLICY = 'conditionalAccessPolicy';
/**
 * grantControls.authenticationStrength is a navigation property (of a complex type), yet Graph returns it inline,
 * with its own @odata.context, in list and get alike; the emulator does the same.
 */
const INLINE = { expanded: ['grantControls/authenticationStrength'] };
const SECURITY_DEFAULTS = '/v1.0/policies/identitySecurityDefaultsEnforcementPolicy';
const SECURITY_DEFAULTS_TYPE = 'identitySecurityDefaultsEnforcementPolicy';

describe('/identity/conditionalAccess/policies matches the Graph v1.0 metadata', () => {
  it('GET the list: whole, paged, $select, $filter, $orderby, $count', async () => {
    expectConforms([
      ...(await walkProblems(graph, POLICIES, CA_POLICY, INLINE)),
      ...(await walkProblems(graph, `${POLICIES}?$top=1`, CA_POLICY, INLINE)),
      ...(await walkProblems(graph, `${POLICIES}?$select=id,displayName,state,conditions`, CA_POLICY)),
      ...(await walkProblems(graph, `${POLICIES}?$select=id,grantControls`, CA_POLICY, INLINE)),
      ...(await walkProblems(graph, `${POLICIES}?$filter=state eq 'enabled'&$orderby=displayName desc`, CA_POLICY, INLINE)),
      ...(await walkProblems(graph, `${POLICIES}?$count=true&$skip=1`, CA_POLICY, INLINE)),
    ]);
  });

  it('GET /{id} for every policy (each state, roles, guests, an authentication strength, session controls), also with $select', async () => {
    const problems: string[] = [];
    for (const id of Object.values(CONDITIONAL_ACCESS_POLICY_IDS)) {
      for (const path of [`${POLICIES}/${id}`, `${POLICIES}/${id}?$select=id,displayName,grantControls,sessionControls`])
        problems.push(...entityProblems(`GET ${path}`, await graphFetch(graph, path), CA_POLICY, INLINE));
    }
    expectConforms(problems);
  });

  it('what the checks above saw: every policy state, an inline strength, guest types, and sign-in frequency', async () => {
    const policies = (await graphFetch(graph, POLICIES)).body.value;
    const states = new Set(policies.map((p: { state: string }) => p.state));
    expect([...states].sort()).toEqual(['disabled', 'enabled', 'enabledForReportingButNotEnforced']);
    const text = JSON.stringify(policies);
    for (const seen of ['allowedCombinations', 'guestOrExternalUserTypes', 'conditionalAccessAllExternalTenants', 'signInFrequency'])
      expect(text).toContain(seen);
  });

  it('the checker catches made-up and beta-only fields, wrong enum values and an unexpanded strength', async () => {
    const policy = (await graphFetch(graph, `${POLICIES}/${CONDITIONAL_ACCESS_POLICY_IDS.phishingResistantMfaForAdmins}`)).body;
    expectTamperingCaught(
      (body) => metadataChecker.check(body, CA_POLICY, INLINE),
      policy,
      (copy) => {
        copy.state = 'reportOnly';
        copy.grantControls.builtInControls = ['passkey'];
        copy.grantControls.authenticationStrength.allowedCombinations = ['fido2,face'];
        copy.conditions.users.includeUsers = null;
        copy.conditions.clientApplications = { includeServicePrincipals: [], excludeServicePrincipals: [], colour: 'teal' };
        copy.sessionControls.signInFrequency.type = 'minutes';
        copy.sessionControls.continuousAccessEvaluation = null;
      },
      [
        /\$\.state: 'reportOnly' is not a member of conditionalAccessPolicyState/,
        /builtInControls\[0\]: 'passkey' is not a member of conditionalAccessGrantControl/,
        /allowedCombinations\[0\]: 'face' is not a member of authenticationMethodModes/,
        /includeUsers: Collection\(Edm\.String\) must be a JSON array/,
        /clientApplications\.colour: unknown property 'colour': not declared on conditionalAccessClientApplications/,
        /signInFrequency\.type: 'minutes' is not a member of signinFrequencyType/,
        /unknown property 'continuousAccessEvaluation': not declared on conditionalAccessSessionControls/,
      ],
    );
    expect(metadataChecker.check(policy, CA_POLICY)).toEqual([
      "$.grantControls.authenticationStrength: 'authenticationStrength' is a navigation property of conditionalAccessGrantControls: Graph returns it only when $expand-ed",
    ]);
  });
});

describe('/policies/identitySecurityDefaultsEnforcementPolicy matches the Graph v1.0 metadata', () => {
  it('GET, off and on, whole and with $select', async () => {
    const problems: string[] = [];
    for (const enabled of [false, true]) {
      graph.state.policies.setSecurityDefaults(enabled);
      for (const path of [
        SECURITY_DEFAULTS,
        `${SECURITY_DEFAULTS}?$select=isEnabled`,
        `${SECURITY_DEFAULTS}?$select=id,displayName,description`,
      ]) {
        const answer = await graphFetch(graph, path);
        problems.push(...entityProblems(`GET ${path} (enabled: ${enabled})`, answer, SECURITY_DEFAULTS_TYPE));
      }
      expect((await graphFetch(graph, SECURITY_DEFAULTS)).body.isEnabled).toBe(enabled);
    }
    expectConforms(problems);
  });

  it('the checker catches a made-up field, a string boolean and a null isEnabled', async () => {
    const policy = (await graphFetch(graph, SECURITY_DEFAULTS)).body;
    const problemsOf = (body: unknown) => metadataChecker.check(body, SECURITY_DEFAULTS_TYPE);
    expectTamperingCaught(problemsOf, policy, (copy) => (copy.isEnabled = 'false'), [/isEnabled: expected true or false/]);
    expectTamperingCaught(problemsOf, policy, (copy) => (copy.isEnabled = null), [/isEnabled: null, but the property is not nullable/]);
    expectTamperingCaught(problemsOf, policy, (copy) => (copy.enforcedSince = null), [
      /unknown property 'enforcedSince': not declared on identitySecurityDefaultsEnforcementPolicy < policyBase < directoryObject < entity/,
    ]);
  });
});

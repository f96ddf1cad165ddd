import { generateDemoTenant, scenarioPeople } from '../../../../emulators/demo-tenant';
import { REGISTRATION_REPORT } from '../../../../src/adapters/graph/registration-report-walk';
import { REPORT_FIELDS } from '../../../../src/adapters/graph/report-registration';
import { graphFetch } from '../graph-fetch';
import { useGraphEmulator } from '../use-graph-emulator';
import { entityProblems, expectConforms, expectTamperingCaught, metadataChecker, walkProblems } from './metadata-assertions';

const tenant = generateDemoTenant({ users: 250 });
const cast = scenarioPeople(tenant);
const REPORT = `/v1.0${REGISTRATION_REPORT}`;
const SUMMARIES = '/v1.0/reports/authenticationMethods';
const DETAILS = 'userRegistrationDetails';

describe('the registration report as Microsoft documents it, against the Graph v1.0 metadata', () => {
  const graph = useGraphEmulator({ tenant, throttle: { reports: null }, logNotImplemented: false });

  it('GET userRegistrationDetails: every page, $filter forms, $orderby', async () => {
    expectConforms([
      ...(await walkProblems(graph, REPORT, DETAILS)),
      ...(await walkProblems(graph, `${REPORT}?$filter=isAdmin eq true`, DETAILS)),
      ...(await walkProblems(graph, `${REPORT}?$filter=userType eq 'guest'`, DETAILS)),
      ...(await walkProblems(graph, `${REPORT}?$filter=methodsRegistered/any(m: m eq 'mobilePhone')`, DETAILS)),
      ...(await walkProblems(graph, `${REPORT}?$filter=isMfaRegistered eq false&$orderby=userDisplayName desc`, DETAILS)),
    ]);
  });

  it('GET userRegistrationDetails/{id} for every scenario person (every method type and phone type)', async () => {
    const problems: string[] = [];
    for (const person of Object.values(cast)) {
      const path = `${REPORT}/${person.id}`;
      problems.push(...entityProblems(`GET ${path}`, await graphFetch(graph, path), DETAILS));
    }
    expectConforms(problems);
  });

  it('the rows name every preferred method and user type the demo tenant has, and all are enum members', async () => {
    const preferred = new Set<string>();
    const userTypes = new Set<string>();
    let next: string | undefined = REPORT;
    while (next) {
      const page = await graphFetch(graph, next);
      for (const row of page.body.value) {
        preferred.add(row.userPreferredMethodForSecondaryAuthentication);
        userTypes.add(row.userType);
      }
      next = page.body['@odata.nextLink'];
    }
    // Values checked above against the enums; here, that the check saw more than one of each.
    expect(preferred.size).toBeGreaterThan(2);
    expect([...userTypes].sort()).toEqual(['guest', 'member']);
  });

  it('GET usersRegisteredByFeature and usersRegisteredByMethod (both argument forms)', async () => {
    const problems: string[] = [];
    for (const [call, type] of [
      ['usersRegisteredByFeature()', 'userRegistrationFeatureSummary'],
      ["usersRegisteredByFeature(includedUserTypes='member',includedUserRoles='admin')", 'userRegistrationFeatureSummary'],
      ['usersRegisteredByMethod()', 'userRegistrationMethodSummary'],
      ["usersRegisteredByMethod(includedUserTypes='all',includedUserRoles='privilegedAdmin')", 'userRegistrationMethodSummary'],
    ] as const) {
      const path = `${SUMMARIES}/${call}`;
      problems.push(...entityProblems(`GET ${path}`, await graphFetch(graph, path), type));
    }
    expectConforms(problems);
  });

  it('the checker catches a made-up column, a wrong enum value and a null where v1.0 has Nullable="false"', async () => {
    const row = (await graphFetch(graph, `${REPORT}/${cast.mobileAndOffice.id}`)).body;
    expectTamperingCaught(
      (body) => metadataChecker.check(body, DETAILS),
      row,
      (copy) => {
        copy.userPreferredMethodForSecondaryAuthentication = 'mobilePhone';
        copy.isMfaCapable = null;
        copy.methodsRegistered = 'mobilePhone';
        copy.isPasskeyCapable = true;
      },
      [
        /'mobilePhone' is not a member of userDefaultAuthenticationMethod/,
        /isMfaCapable: null, but the property is not nullable/,
        /methodsRegistered: Collection\(Edm\.String\) must be a JSON array/,
        /unknown property 'isPasskeyCapable'/,
      ],
    );
  });
});

describe('the registration report as the bot reads it ($select and $top), against the Graph v1.0 metadata', () => {
  const graph = useGraphEmulator({ tenant, throttle: { reports: null }, reportQueryOptions: 'lenient', logNotImplemented: false });

  it('GET userRegistrationDetails?$select=<the scan fields>&$top=…, every page', async () => {
    expectConforms([
      ...(await walkProblems(graph, `${REPORT}?$select=${REPORT_FIELDS.join(',')}&$top=999`, DETAILS)),
      ...(await walkProblems(graph, `${REPORT}?$select=${REPORT_FIELDS.join(',')}&$top=50&$count=true`, DETAILS, {
        headers: { ConsistencyLevel: 'eventual' },
      })),
    ]);
  });
});

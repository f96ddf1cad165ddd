import {
  AUTHENTICATOR_PASSKEY_AAGUIDS,
  METHOD_TYPES,
  PASSWORD_METHOD,
  SYNCED_PASSKEY_AAGUIDS,
  WELL_KNOWN_METHOD_IDS,
  WINDOWS_HELLO_PASSKEY_AAGUIDS,
  type AuthenticationMethod,
  type Fido2Method,
  type PhoneMethod,
} from './authentication-method';
import { IT_DEPARTMENT } from './department-plan';
import type { DemoTenant, DemoUser } from './demo-tenant';
import { asciiLower } from './name-pool';
import { OFFICES, type Office } from './office-plan';
import { SeededRandom } from './seeded-random';

/**
 * A small fixed cast added after the generated people, one per situation the generated mix does not show on its
 * own: each phone type alone, passkeys by provider, an external MFA provider, a QR code with PIN, and a break-glass
 * account. It comes from its own random stream and its names are outside the name pool, so the generated people
 * keep their ids, methods and addresses whatever the tenant size; `generateDemoTenant({ scenarioPeople: false })`
 * leaves the cast out.
 */
export type ScenarioKey =
  | 'mobileOnly'
  | 'mobileOnlySmsSignIn'
  | 'alternateMobileOnly'
  | 'officeOnly'
  | 'officeOnlyLegal'
  | 'mobileAndOffice'
  | 'mobileAndOfficeSupport'
  | 'passkeySyncedApple'
  | 'passkeySyncedGoogle'
  | 'passkeyAuthenticator'
  | 'passkeyWindowsHello'
  | 'externalMfaOnly'
  | 'qrCodePinOnly'
  | 'breakGlass'
  | 'scannerMailbox'
  | 'invoicingMailbox';

type MethodPlan =
  | { kind: 'phones'; types: PhoneMethod['phoneType'][]; smsSignIn?: boolean }
  | { kind: 'passkey'; aaGuid: string; model: string; displayName: string }
  | { kind: 'securityKey' }
  | { kind: 'external' }
  | { kind: 'qrCodePin' }
  /** A shared or service mailbox: a password and nothing else, as such accounts usually are. */
  | { kind: 'none' };

interface ScenarioPlan {
  key: ScenarioKey;
  /** Null for a shared or service mailbox, created with a display name only. */
  givenName: string | null;
  surname: string | null;
  /** The display name when it is not "given surname". */
  displayName?: string;
  local: string;
  department: string;
  jobTitle: string | null;
  city: string;
  methods: MethodPlan;
}

const [APPLE, GOOGLE] = [...SYNCED_PASSKEY_AAGUIDS] as [string, string];
const AUTHENTICATOR_IOS = [...AUTHENTICATOR_PASSKEY_AAGUIDS][0] as string;
const WINDOWS_HELLO = [...WINDOWS_HELLO_PASSKEY_AAGUIDS][0] as string;

const phones = (...types: PhoneMethod['phoneType'][]): MethodPlan => ({ kind: 'phones', types });
const passkey = (aaGuid: string, model: string, displayName: string): MethodPlan => ({ kind: 'passkey', aaGuid, model, displayName });
const plan = (key: ScenarioKey, name: [string, string], work: [string, string | null, string], methods: MethodPlan, local?: string) => ({
  key,
  givenName: name[0],
  surname: name[1],
  local: local ?? `${asciiLower(name[0])}.${asciiLower(name[1])}`,
  department: work[0],
  jobTitle: work[1],
  city: work[2],
  methods,
});

export const SCENARIO_PLANS: readonly ScenarioPlan[] = [
  plan('mobileOnly', ['Aurelio', 'Brandt'], ['Sales', 'Account Executive', 'São Paulo'], phones('mobile')),
  plan('mobileOnlySmsSignIn', ['Beatriz', 'Ortega'], ['Customer Success', 'Support Specialist', 'Paris'], {
    kind: 'phones',
    types: ['mobile'],
    smsSignIn: true,
  }),
  plan('alternateMobileOnly', ['Cormac', 'Doherty'], ['Operations', 'Facilities Coordinator', 'London'], phones('alternateMobile')),
  plan('officeOnly', ['Dagny', 'Solberg'], ['Finance', 'Payroll Specialist', 'Amsterdam'], phones('office')),
  plan('officeOnlyLegal', ['Emil', 'Marchetti'], ['Legal', 'Paralegal', 'New York'], phones('office')),
  plan('mobileAndOffice', ['Fiona', 'Achterberg'], ['Marketing', 'Product Marketing Manager', 'Amsterdam'], phones('mobile', 'office')),
  plan('mobileAndOfficeSupport', ['Gustavo', 'Whitlock'], ['Customer Success', 'Support Engineer', 'Seattle'], phones('mobile', 'office')),
  plan(
    'passkeySyncedApple',
    ['Hedda', 'Sørlie'],
    ['Engineering', 'Software Engineer', 'Sydney'],
    passkey(APPLE, 'iCloud Keychain', 'iPhone'),
    'hedda.sorlie',
  ),
  plan(
    'passkeySyncedGoogle',
    ['Ivo', 'Castellanos'],
    ['Engineering', 'Site Reliability Engineer', 'Bengaluru'],
    passkey(GOOGLE, 'Google Password Manager', 'Pixel'),
  ),
  plan(
    'passkeyAuthenticator',
    ['Jana', 'Kowalczyk'],
    ['Finance', 'Financial Analyst', 'London'],
    passkey(AUTHENTICATOR_IOS, 'Microsoft Authenticator - iOS', "Jana's passkey"),
  ),
  plan(
    'passkeyWindowsHello',
    ['Kasimir', 'Oduya'],
    ['Engineering', 'Data Engineer', 'Seattle'],
    passkey(WINDOWS_HELLO, 'Windows Hello', 'Windows Hello'),
  ),
  plan('externalMfaOnly', ['Marit', 'Kjeldsen'], ['Operations', 'Operations Analyst', 'Amsterdam'], { kind: 'external' }),
  plan('qrCodePinOnly', ['Nnamdi', 'Ekwueme'], ['Operations', 'Logistics Coordinator', 'Seattle'], { kind: 'qrCodePin' }),
  plan('breakGlass', ['Emergency', 'Access'], [IT_DEPARTMENT, null, 'Seattle'], { kind: 'securityKey' }, 'emergency-access-01'),
  // Two mailboxes that send mail through SMTP AUTH (demo-sign-ins.ts): the shared mailbox a multifunction printer
  // sends scans as, with its password, and a line-of-business app's service account that uses OAuth. Neither has a
  // given name, as Exchange creates shared mailboxes; the scanner's manager is the demo's employee (its owner).
  mailbox('scannerMailbox', 'Scanner', 'scanner', ['Operations', 'Seattle']),
  mailbox('invoicingMailbox', 'Invoicing notifications', 'invoicing', ['Finance', 'Seattle']),
];

/** The scenario mailboxes: what the SMTP AUTH sign-ins of the demo tenant are made by. */
export const SCENARIO_MAILBOX_KEYS: readonly ScenarioKey[] = ['scannerMailbox', 'invoicingMailbox'];

function mailbox(key: ScenarioKey, displayName: string, local: string, where: [string, string]): ScenarioPlan {
  return {
    key,
    givenName: null,
    surname: null,
    displayName,
    local,
    department: where[0],
    jobTitle: null,
    city: where[1],
    methods: { kind: 'none' },
  };
}

/** Members of the "MFA exclusions" group: people who cannot do MFA (yet), as such groups hold in real tenants. */
export const MFA_EXCLUSION_KEYS: readonly ScenarioKey[] = ['qrCodePinOnly', 'alternateMobileOnly', 'officeOnly', 'officeOnlyLegal'];

/** The external MFA provider's configuration id in the authentication methods policy (externalAuthenticationMethodConfiguration). */
export const EXTERNAL_MFA_CONFIGURATION_ID = '6c5f1a8e-2b7d-4e39-9a04-d1c3e5f7a9b2';

const DAY_MS = 86_400_000;
const CREATED_EPOCH = Date.UTC(2025, 0, 1);

/**
 * Builds the cast for a tenant. Each person reports to the head of their department (the CEO when the tenant is
 * too small to have that department), so the manager tree stays one tree.
 */
export function buildScenarioPeople(seed: string, headOf: (department: string) => DemoUser | undefined, ceo: DemoUser): DemoUser[] {
  const random = new SeededRandom(`scenario:${seed}`);
  return SCENARIO_PLANS.map((plan, i) => {
    const office = OFFICES.find((o) => o.city === plan.city) as Office;
    const upn = `${plan.local}@${ceo.userPrincipalName.split('@')[1] as string}`;
    const id = random.guid();
    const createdDateTime = isoSeconds(CREATED_EPOCH - random.int(900) * DAY_MS);
    const isBreakGlass = plan.key === 'breakGlass';
    const isMailbox = plan.methods.kind === 'none';
    return {
      id,
      displayName: isBreakGlass ? 'Emergency Access Account 01' : (plan.displayName ?? `${plan.givenName} ${plan.surname}`),
      givenName: plan.givenName,
      surname: plan.surname,
      userPrincipalName: upn,
      mail: upn,
      department: plan.department,
      jobTitle: plan.jobTitle,
      managerId: (headOf(plan.department) ?? ceo).id,
      timeZone: office.timeZone,
      preferredLanguage: office.preferredLanguage,
      officeLocation: office.city,
      city: office.city,
      country: office.country,
      usageLocation: office.usageLocation,
      employeeId: isBreakGlass || isMailbox ? null : `S${String(i + 1).padStart(6, '0')}`,
      createdDateTime,
      accountEnabled: true,
      userType: 'Member',
      isAdmin: isBreakGlass,
      adminRole: isBreakGlass ? 'Global Administrator' : null,
      methods: [PASSWORD_METHOD, ...methodsOf(plan, office, random)],
    };
  });
}

/** The cast by key, for tests and demos; throws when the tenant was generated without it. */
export function scenarioPeople(tenant: DemoTenant): Record<ScenarioKey, DemoUser> {
  const byUpn = new Map(tenant.users.map((u) => [u.userPrincipalName, u]));
  const cast = {} as Record<ScenarioKey, DemoUser>;
  for (const plan of SCENARIO_PLANS) {
    const user = byUpn.get(`${plan.local}@${tenant.domain}`);
    if (!user) throw new Error(`scenario person ${plan.key} is not in tenant ${tenant.tenantId} (generated with scenarioPeople: false?)`);
    cast[plan.key] = user;
  }
  return cast;
}

function methodsOf(plan: ScenarioPlan, office: Office, random: SeededRandom): AuthenticationMethod[] {
  const method = plan.methods;
  const registered = isoSeconds(Date.UTC(2024, 8, 1) + random.int(240) * DAY_MS);
  switch (method.kind) {
    case 'phones':
      return method.types.map((type) => phone(type, office, random, method.smsSignIn === true));
    case 'passkey':
      return [fido2(random, method.aaGuid, method.model, method.displayName, registered, 'notAttested')];
    case 'securityKey':
      // Registered after the passkey renaming, so the report names it passKeyDeviceBound.
      return [fido2(random, '2fc0579f-8113-47ea-b116-555a8db9202a', 'YubiKey 5 NFC', 'Break-glass key', registered, 'attested')];
    case 'external':
      return [
        {
          '@odata.type': METHOD_TYPES.external,
          id: random.guid(),
          createdDateTime: registered,
          configurationId: EXTERNAL_MFA_CONFIGURATION_ID,
          displayName: 'Partner MFA',
        },
      ];
    case 'qrCodePin':
      return [{ '@odata.type': METHOD_TYPES.qrCodePin, id: random.guid(), createdDateTime: registered }];
    case 'none':
      return [];
  }
}

function phone(type: PhoneMethod['phoneType'], office: Office, random: SeededRandom, smsSignIn: boolean): PhoneMethod {
  const ids = {
    mobile: WELL_KNOWN_METHOD_IDS.mobilePhone,
    alternateMobile: WELL_KNOWN_METHOD_IDS.alternateMobilePhone,
    office: WELL_KNOWN_METHOD_IDS.officePhone,
  };
  return {
    '@odata.type': METHOD_TYPES.phone,
    id: ids[type],
    phoneNumber: `${office.phonePrefix}${String(random.int(10000)).padStart(4, '0')}`,
    phoneType: type,
    // SMS sign-in is for mobile numbers only; the other types cannot take texts at all.
    smsSignInState: type !== 'mobile' ? 'notSupported' : smsSignIn ? 'ready' : 'notAllowedByPolicy',
  };
}

function fido2(
  random: SeededRandom,
  aaGuid: string,
  model: string,
  displayName: string,
  createdDateTime: string,
  attestationLevel: Fido2Method['attestationLevel'],
): Fido2Method {
  return {
    '@odata.type': METHOD_TYPES.fido2,
    id: random.base64url(22),
    displayName,
    createdDateTime,
    aaGuid,
    model,
    attestationCertificates: [],
    attestationLevel,
  };
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

import type { DepartmentPlan } from './department-plan';
import type { DemoUser } from './demo-tenant';
import { asciiLower, GIVEN_NAMES, GUEST_HOME_DOMAINS, SURNAMES } from './name-pool';
import { OFFICES } from './office-plan';
import { SeededRandom, WeightedPicker } from './seeded-random';
import type { UniqueNamer } from './unique-namer';

/** Where generated people work, weighted by office size. */
const OFFICE_PICKER = new WeightedPicker(OFFICES.map((o) => [o, o.weight] as const));
const DAY_MS = 86_400_000;
const CREATED_EPOCH = Date.UTC(2025, 0, 1);

export function newMember(
  random: SeededRandom,
  namer: UniqueNamer,
  plan: DepartmentPlan,
  jobTitle: string,
  managerId: string | null,
  sequence: number,
): DemoUser {
  const givenName = random.pick(GIVEN_NAMES);
  const surname = random.pick(SURNAMES);
  const office = OFFICE_PICKER.pick(random);
  const upn = namer.take(`${asciiLower(givenName)}.${asciiLower(surname)}`);
  return {
    id: random.guid(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: upn,
    mail: upn,
    department: plan.name,
    jobTitle,
    managerId,
    timeZone: office.timeZone,
    preferredLanguage: office.preferredLanguage,
    officeLocation: office.city,
    city: office.city,
    country: office.country,
    usageLocation: office.usageLocation,
    employeeId: `E${String(sequence).padStart(6, '0')}`,
    createdDateTime: createdAt(random),
    accountEnabled: true,
    userType: 'Member',
    isAdmin: false,
    adminRole: null,
    methods: [],
  };
}

/** A B2B guest; `domain` is the inviting tenant's, the one after #EXT#. */
export function newGuest(random: SeededRandom, namer: UniqueNamer, domain: string): DemoUser {
  const givenName = random.pick(GIVEN_NAMES);
  const surname = random.pick(SURNAMES);
  const home = random.pick(GUEST_HOME_DOMAINS);
  const local = namer.takeLocal(`${asciiLower(givenName)}.${asciiLower(surname)}`, home);
  return {
    id: random.guid(),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    // B2B guests: the home address with @ turned into _, then #EXT# and the inviting tenant's domain.
    userPrincipalName: `${local}_${home}#EXT#@${domain}`,
    mail: `${local}@${home}`,
    department: null,
    jobTitle: null,
    managerId: null,
    timeZone: null,
    preferredLanguage: null,
    officeLocation: null,
    city: null,
    country: null,
    usageLocation: null,
    employeeId: null,
    createdDateTime: createdAt(random),
    accountEnabled: true,
    userType: 'Guest',
    isAdmin: false,
    adminRole: null,
    methods: [],
  };
}

export function createdAt(random: SeededRandom): string {
  return new Date(CREATED_EPOCH - random.int(2500) * DAY_MS - random.int(DAY_MS / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

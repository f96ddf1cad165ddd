import { GRAPH_V1_METADATA } from './graph-metadata';
import { MetadataChecker } from './metadata-checker';

const checker = new MetadataChecker();
const ID = '6e7b768e-07e2-4810-8459-485f84f8f204';
const user = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity',
  id: ID,
  displayName: 'Adele Vance',
  accountEnabled: true,
  businessPhones: [],
  createdDateTime: '2024-03-01T08:15:00Z',
  mobilePhone: null,
  extension_0f1e2d3c4b5a69788796a5b4c3d2e1f0_costCenter: 'CC-1',
};

describe('the metadata extract', () => {
  it('names its source and holds the types the emulator serves', () => {
    expect(GRAPH_V1_METADATA.source).toEqual(
      expect.objectContaining({
        repository: 'https://github.com/microsoftgraph/msgraph-metadata',
        commit: expect.stringMatching(/^[0-9a-f]{40}$/),
      }),
    );
    for (const type of [...GRAPH_V1_METADATA.roots, 'phoneAuthenticationMethod', 'fido2AuthenticationMethod', 'entity'])
      expect(Object.keys(GRAPH_V1_METADATA.structuredTypes)).toContain(type);
    expect(GRAPH_V1_METADATA.enumTypes.authenticationPhoneType?.members).toEqual([
      'mobile',
      'alternateMobile',
      'office',
      'unknownFutureValue',
    ]);
  });
});

describe('MetadataChecker accepts what Graph v1.0 sends', () => {
  it('a user with annotations, inherited properties and a directory extension', () => {
    expect(checker.check({ ...user, '@odata.type': '#microsoft.graph.user', deletedDateTime: null }, 'user')).toEqual([]);
  });

  it('a derived type named by @odata.type where the base is declared', () => {
    const method = {
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
      id: ID,
      phoneNumber: '+1 425555 0100',
      phoneType: 'mobile',
    };
    expect(checker.check(method, 'authenticationMethod')).toEqual([]);
    expect(checker.check(method)).toEqual([]);
  });

  it('an expanded navigation property, checked as its target type', () => {
    const manager = { '@odata.type': '#microsoft.graph.user', id: ID, displayName: 'Megan Bowen' };
    expect(checker.check({ ...user, manager }, 'user', { expanded: ['manager'] })).toEqual([]);
    expect(checker.check({ ...user, manager: { ...manager, shoeSize: 9 } }, 'user', { expanded: ['manager'] })).toEqual([
      "$.manager.shoeSize: unknown property 'shoeSize': not declared on user < directoryObject < entity in Graph v1.0",
    ]);
  });

  it('flags enums, unknownFutureValue, and evolvable members when the client asked for them', () => {
    const strength = { allowedCombinations: ['password,microsoftAuthenticatorPush', 'fido2'] };
    expect(checker.check({ builtInControls: ['mfa', 'unknownFutureValue'] }, 'conditionalAccessGrantControls')).toEqual([]);
    expect(checker.check({ ...strength, id: 'x' }, 'authenticationStrengthPolicy')).toEqual([]);
    expect(
      checker.check({ builtInControls: ['riskRemediation'] }, 'conditionalAccessGrantControls', { includeUnknownEnumMembers: true }),
    ).toEqual([]);
  });
});

describe('MetadataChecker refuses', () => {
  const only = (problems: string[]) => {
    expect(problems).toHaveLength(1);
    return problems[0];
  };

  it('an unknown property, naming it and the type', () => {
    expect(only(checker.check({ ...user, favouriteColour: 'teal' }, 'user'))).toBe(
      "$.favouriteColour: unknown property 'favouriteColour': not declared on user < directoryObject < entity in Graph v1.0",
    );
    expect(only(checker.check({ id: ID, isAdmin: false, userEmail: 'a@b.example' }, 'userRegistrationDetails'))).toContain(
      "unknown property 'userEmail'",
    );
  });

  it('values of the wrong primitive type', () => {
    expect(only(checker.check({ ...user, accountEnabled: 'true' }, 'user'))).toMatch(/^\$\.accountEnabled: expected true or false/);
    expect(only(checker.check({ ...user, createdDateTime: '2024-03-01 08:15:00' }, 'user'))).toMatch(
      /^\$\.createdDateTime: expected an ISO 8601/,
    );
    expect(only(checker.check({ ...user, createdDateTime: '2024-02-30T08:15:00Z' }, 'user'))).toMatch(/^\$\.createdDateTime/);
    expect(only(checker.check({ ...user, businessPhones: '+1 425 555 0100' }, 'user'))).toMatch(/must be a JSON array/);
    expect(only(checker.check({ id: ID, lifetimeInMinutes: 60.5 }, 'temporaryAccessPassAuthenticationMethod'))).toMatch(
      /expected an integer/,
    );
    expect(only(checker.check({ id: ID, lifetimeInMinutes: 2 ** 31 }, 'temporaryAccessPassAuthenticationMethod'))).toMatch(
      /expected an integer/,
    );
    expect(only(checker.check({ startTime: '8:00' }, 'workingHours'))).toMatch(/Edm\.TimeOfDay/);
  });

  it('enum values that are not members, or evolvable members nobody asked for', () => {
    expect(only(checker.check({ id: ID, phoneType: 'home' }, 'phoneAuthenticationMethod'))).toBe(
      "$.phoneType: 'home' is not a member of authenticationPhoneType (mobile, alternateMobile, office, unknownFutureValue)",
    );
    expect(only(checker.check({ id: ID, phoneType: 'Mobile' }, 'phoneAuthenticationMethod'))).toContain("'Mobile' is not a member");
    expect(only(checker.check({ builtInControls: ['riskRemediation'] }, 'conditionalAccessGrantControls'))).toContain(
      'Prefer: include-unknown-enum-members',
    );
    expect(only(checker.check({ id: 'x', allowedCombinations: ['password,smartCard'] }, 'authenticationStrengthPolicy'))).toContain(
      "'smartCard' is not a member of authenticationMethodModes",
    );
  });

  it('null where the metadata says Nullable="false", and a null collection', () => {
    expect(only(checker.check({ id: ID, isMfaCapable: null }, 'userRegistrationDetails'))).toBe(
      '$.isMfaCapable: null, but the property is not nullable (Edm.Boolean, Nullable="false")',
    );
    expect(only(checker.check({ ...user, id: null }, 'user'))).toMatch(/^\$\.id: null/);
    expect(only(checker.check({ ...user, businessPhones: null }, 'user'))).toMatch(/never null/);
    expect(only(checker.check({ ...user, businessPhones: [null] }, 'user'))).toMatch(/^\$\.businessPhones\[0\]: null/);
  });

  it('problems inside complex values', () => {
    const settings = { automaticRepliesSetting: { status: 'off', internalReplyMessage: '', cc: [] } };
    expect(checker.check(settings, 'mailboxSettings')).toEqual([
      "$.automaticRepliesSetting.status: 'off' is not a member of automaticRepliesStatus (disabled, alwaysEnabled, scheduled)",
      "$.automaticRepliesSetting.cc: unknown property 'cc': not declared on automaticRepliesSetting in Graph v1.0",
    ]);
  });

  it('navigation properties that were not expanded', () => {
    expect(only(checker.check({ ...user, manager: { id: ID } }, 'user'))).toBe(
      "$.manager: 'manager' is a navigation property of user: Graph returns it only when $expand-ed",
    );
  });

  it('a missing, wrong or beta-only @odata.type', () => {
    expect(only(checker.check({ id: ID }, 'authenticationMethod'))).toContain('authenticationMethod is abstract');
    expect(only(checker.check({ '@odata.type': '#microsoft.graph.user', id: ID }, 'authenticationMethod'))).toContain(
      'is not authenticationMethod or derived from it',
    );
    expect(
      only(checker.check({ '@odata.type': '#microsoft.graph.hardwareOathAuthenticationMethod', id: ID }, 'authenticationMethod')),
    ).toContain('is not a v1.0 type derived from authenticationMethod');
    expect(only(checker.check({ '@odata.type': 'microsoft.graph.user', id: ID }, 'directoryObject'))).toContain(
      "expected '#microsoft.graph.{type}'",
    );
  });

  it('annotations Graph does not write, and a collection envelope with extra members', () => {
    expect(only(checker.check({ ...user, '@odata.foo': 1 }, 'user'))).toContain('not an annotation');
    expect(only(checker.check({ ...user, 'colour@odata.type': '#String' }, 'user'))).toContain("annotates 'colour'");
    expect(only(checker.checkCollection({ value: [user], nextPage: 2 }, 'user'))).toContain('$.nextPage: not part of an OData collection');
    expect(only(checker.checkCollection({ value: [user], '@odata.count': '1' }, 'user'))).toBe(
      '$.@odata.count: expected a non-negative integer, got string "1"',
    );
    expect(only(checker.checkCollection({ value: [user], '@odata.nextLink': null }, 'user'))).toContain('expected a string, got null');
    expect(only(checker.check({ ...user, '@odata.etag': 7 }, 'user'))).toBe('$.@odata.etag: expected a string, got number 7');
    expect(only(checker.check({ ...user, 'manager@odata.context': {} }, 'user'))).toContain('expected a string, got an object');
  });
});

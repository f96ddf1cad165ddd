import { generateDemoTenant, METHOD_TYPES, scenarioPeople, type AuthenticationMethod } from '../../../emulators/demo-tenant';
import { emulatorAccessToken } from '../../../emulators/graph';
import { graphFetch } from './graph-fetch';
import { useGraphEmulator } from './use-graph-emulator';

const tenant = generateDemoTenant({ users: 60 });
const cast = scenarioPeople(tenant);
const graph = useGraphEmulator({ tenant, throttle: { reports: null }, logNotImplemented: false });
const auth = (userId: string, rest: string) => `/v1.0/users/${userId}/authentication/${rest}`;
const token = (...roles: string[]) => emulatorAccessToken({ roles });
const reportRow = async (userId: string) =>
  (await graphFetch(graph, `/v1.0/reports/authenticationMethods/userRegistrationDetails/${userId}`)).body;

describe('phone methods', () => {
  it.each([
    ['mobileOnly', [['mobile', 'notAllowedByPolicy']]],
    ['mobileOnlySmsSignIn', [['mobile', 'ready']]],
    ['alternateMobileOnly', [['alternateMobile', 'notSupported']]],
    ['officeOnly', [['office', 'notSupported']]],
    [
      'mobileAndOffice',
      [
        ['mobile', 'notAllowedByPolicy'],
        ['office', 'notSupported'],
      ],
    ],
  ] as const)('lists %s as phoneAuthenticationMethod items with phoneType, phoneNumber and smsSignInState', async (key, expected) => {
    const answer = await graphFetch(graph, auth(cast[key].id, 'phoneMethods'));
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((p: { phoneType: string; smsSignInState: string }) => [p.phoneType, p.smsSignInState])).toEqual(expected);
    for (const phone of answer.body.value) {
      expect(Object.keys(phone).sort()).toEqual(['id', 'phoneNumber', 'phoneType', 'smsSignInState']);
      expect(phone.phoneNumber).toMatch(/^\+\d+ \d+$/);
    }
  });

  it('names each phone type in the registration report', async () => {
    expect((await reportRow(cast.mobileOnly.id)).methodsRegistered).toEqual(['mobilePhone']);
    expect((await reportRow(cast.alternateMobileOnly.id)).methodsRegistered).toEqual(['alternateMobilePhone']);
    expect((await reportRow(cast.officeOnly.id)).methodsRegistered).toEqual(['officePhone']);
    expect((await reportRow(cast.mobileAndOffice.id)).methodsRegistered).toEqual(['mobilePhone', 'officePhone']);
  });
});

describe('passkeys', () => {
  it('carry v1.0 passkeyType in the live view and the provider in the report name', async () => {
    const cases = [
      [cast.passkeySyncedApple.id, 'synced', 'passKeySynced'],
      [cast.passkeySyncedGoogle.id, 'synced', 'passKeySynced'],
      [cast.passkeyAuthenticator.id, 'deviceBound', 'passKeyDeviceBoundAuthenticator'],
      [cast.passkeyWindowsHello.id, 'deviceBound', 'passKeyDeviceBoundWindowsHello'],
      [cast.breakGlass.id, 'deviceBound', 'passKeyDeviceBound'],
    ];
    for (const [id, passkeyType, reportName] of cases) {
      const keys = (await graphFetch(graph, auth(id as string, 'fido2Methods'))).body.value;
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ passkeyType, aaGuid: expect.any(String), model: expect.any(String) });
      expect((await reportRow(id as string)).methodsRegistered).toEqual([reportName]);
    }
  });
});

describe('external authentication methods', () => {
  it('are listed in /methods and /externalAuthenticationMethods, and count as MFA in the report', async () => {
    const methods = (await graphFetch(graph, auth(cast.externalMfaOnly.id, 'methods'))).body.value;
    expect(methods.map((m: AuthenticationMethod) => m['@odata.type'])).toEqual([METHOD_TYPES.password, METHOD_TYPES.external]);
    const typed = await graphFetch(graph, auth(cast.externalMfaOnly.id, 'externalAuthenticationMethods'));
    expect(typed.body.value).toEqual([
      { id: expect.any(String), createdDateTime: expect.any(String), configurationId: expect.any(String), displayName: 'Partner MFA' },
    ]);
    const single = await graphFetch(graph, auth(cast.externalMfaOnly.id, `externalAuthenticationMethods/${typed.body.value[0].id}`));
    expect(single.body.configurationId).toBe(typed.body.value[0].configurationId);
    expect(await reportRow(cast.externalMfaOnly.id)).toMatchObject({ methodsRegistered: ['externalAuthMethod'], isMfaRegistered: true });
  });

  it('open to UserAuthMethod-External.Read.All, the least privileged application permission', async () => {
    const path = auth(cast.externalMfaOnly.id, 'externalAuthenticationMethods');
    expect((await graphFetch(graph, path, { token: token('UserAuthMethod-External.Read.All') })).status).toBe(200);
    expect((await graphFetch(graph, path, { token: token('UserAuthenticationMethod.Read.All') })).status).toBe(200);
    const refused = await graphFetch(graph, path, { token: token('UserAuthMethod-QR.Read.All') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('Authorization_RequestDenied');
  });
});

describe('QR code PIN', () => {
  it('is the single-valued qrCodePinMethod, in /methods too, and no MFA in the report', async () => {
    const answer = await graphFetch(graph, auth(cast.qrCodePinOnly.id, 'qrCodePinMethod'), { token: token('UserAuthMethod-QR.Read.All') });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      '@odata.context': expect.stringMatching(/\/authentication\/qrCodePinMethod\/\$entity$/),
      id: expect.any(String),
      createdDateTime: expect.any(String),
    });
    const methods = (await graphFetch(graph, auth(cast.qrCodePinOnly.id, 'methods'))).body.value;
    expect(methods.map((m: AuthenticationMethod) => m['@odata.type'])).toContain(METHOD_TYPES.qrCodePin);
    expect(await reportRow(cast.qrCodePinOnly.id)).toMatchObject({
      methodsRegistered: ['qrCode'],
      isMfaRegistered: false,
      isMfaCapable: false,
    });
    expect((await graphFetch(graph, auth(cast.mobileOnly.id, 'qrCodePinMethod'))).status).toBe(404);
    expect(() =>
      graph.state.addMethod(cast.qrCodePinOnly.id, { '@odata.type': METHOD_TYPES.qrCodePin, id: 'second', createdDateTime: null }),
    ).toThrow(/one/);
  });

  it('refuses a token without a QR or authentication-method read permission, and query options', async () => {
    const path = auth(cast.qrCodePinOnly.id, 'qrCodePinMethod');
    expect((await graphFetch(graph, path, { token: token('UserAuthMethod-External.Read.All') })).status).toBe(403);
    expect((await graphFetch(graph, `${path}?$select=id`)).status).toBe(400);
  });
});

describe('beta-only and onboarding methods', () => {
  it('leaves hardware OATH tokens out of the v1.0 live view, while the report names them', async () => {
    const user = cast.mobileOnly.id;
    graph.state.addMethod(user, {
      '@odata.type': METHOD_TYPES.hardwareOath,
      id: 'token-1',
      displayName: 'Token',
      serialNumber: '123456',
      manufacturer: 'Contoso',
      model: 'OTP c200',
    });
    const live = (await graphFetch(graph, auth(user, 'methods'))).body.value;
    expect(live.map((m: AuthenticationMethod) => m['@odata.type'])).not.toContain(METHOD_TYPES.hardwareOath);
    expect((await graphFetch(graph, auth(user, 'methods/token-1'))).status).toBe(404);
    expect((await reportRow(user)).methodsRegistered).toEqual(['mobilePhone', 'hardwareOneTimePasscode']);
  });

  it('shows a temporary access pass live and as temporaryAccessPass in the report, which is no MFA', async () => {
    const user = cast.officeOnlyLegal.id;
    graph.state.setMethods(user, [
      cast.officeOnlyLegal.methods[0]!,
      {
        '@odata.type': METHOD_TYPES.temporaryAccessPass,
        id: 'tap-1',
        createdDateTime: '2025-06-01T08:00:00Z',
        startDateTime: '2025-06-01T08:00:00Z',
        lifetimeInMinutes: 60,
        isUsableOnce: true,
        isUsable: true,
        methodUsabilityReason: 'EnabledByPolicy',
      },
    ]);
    expect((await graphFetch(graph, auth(user, 'temporaryAccessPassMethods'))).body.value).toHaveLength(1);
    expect(await reportRow(user)).toMatchObject({ methodsRegistered: ['temporaryAccessPass'], isMfaRegistered: false });
  });
});

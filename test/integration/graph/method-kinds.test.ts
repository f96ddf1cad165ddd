import { liveMethodKinds } from '../../../src/adapters/graph/live-method-kinds';
import { UnknownMethodTally } from '../../../src/adapters/graph/unknown-method-tally';
import { reportMethodKinds } from '../../../src/adapters/graph/report-method-kinds';
import {
  AUTHENTICATOR_PASSKEY_AAGUIDS,
  generateDemoTenant,
  METHOD_TYPES,
  SYNCED_PASSKEY_AAGUIDS,
  WINDOWS_HELLO_PASSKEY_AAGUIDS,
  PASSWORD_METHOD,
  reportNamesOf,
  type AuthenticationMethod,
} from '../../../emulators/demo-tenant';

describe("the registration report's method names", () => {
  it.each([
    ['microsoftAuthenticatorPush', 'authenticatorPush'],
    ['microsoftAuthenticatorPasswordless', 'authenticatorPasswordless'],
    ['fido2SecurityKey', 'fido2SecurityKey'],
    ['passKeyDeviceBound', 'fido2SecurityKey'],
    ['passKeyDeviceBoundAuthenticator', 'passkey'],
    ['passKeyDeviceBoundWindowsHello', 'passkey'],
    ['passKeySynced', 'syncedPasskey'],
    ['windowsHelloForBusiness', 'windowsHelloForBusiness'],
    ['macOsSecureEnclaveKey', 'platformCredential'],
    ['x509CertificateMultiFactor', 'certificate'],
    ['softwareOneTimePasscode', 'softwareOath'],
    ['hardwareOneTimePasscode', 'hardwareOath'],
    ['mobilePhone', 'sms'],
    ['sms', 'sms'],
    ['alternateMobilePhone', 'voice'],
    ['officePhone', 'voice'],
    ['email', 'email'],
    ['temporaryAccessPass', 'temporaryAccessPass'],
    ['externalAuthMethod', 'externalAuth'],
    ['qrCode', 'qrCodePin'],
  ])('%s → %s', (name, kind) => {
    expect(reportMethodKinds([name])).toEqual([kind]);
  });

  it('dedupes and orders, so the same registration always reads the same', () => {
    expect(reportMethodKinds(['mobilePhone', 'passKeyDeviceBound', 'microsoftAuthenticatorPush', 'fido2SecurityKey', 'sms'])).toEqual([
      'authenticatorPush',
      'fido2SecurityKey',
      'sms',
    ]);
  });

  it('leaves out known non-factors silently', () => {
    const unknown = new UnknownMethodTally();
    expect(reportMethodKinds(['password', 'securityQuestion', 'appPassword', 'x509CertificateSingleFactor', 'email'], unknown)).toEqual([
      'email',
    ]);
    expect(unknown.size).toBe(0);
    expect(reportMethodKinds(null)).toEqual([]);
  });

  it('reads a name it does not know as an unknown method (never as no MFA) and counts it, once per occurrence', () => {
    const unknown = new UnknownMethodTally();
    expect(reportMethodKinds(['password', 'retinaScan'], unknown)).toEqual(['unknownMethod']);
    expect(reportMethodKinds(['mobilePhone', 'retinaScan', 'voiceprint'], unknown)).toEqual(['unknownMethod', 'sms']);
    expect(unknown.toRecord()).toEqual({ retinaScan: 2, voiceprint: 1 });
  });
});

describe('live authentication method types', () => {
  const base = { id: 'm1' };
  it.each([
    [{ '@odata.type': METHOD_TYPES.microsoftAuthenticator, createdDateTime: null }, ['authenticatorPush']],
    [
      { '@odata.type': METHOD_TYPES.microsoftAuthenticator, createdDateTime: '2024-01-01T00:00:00Z' },
      ['authenticatorPush', 'authenticatorPasswordless'],
    ],
    [{ '@odata.type': METHOD_TYPES.phone, phoneType: 'mobile' }, ['sms']],
    [{ '@odata.type': METHOD_TYPES.phone, phoneType: 'alternateMobile' }, ['voice']],
    [{ '@odata.type': METHOD_TYPES.phone, phoneType: 'office' }, ['voice']],
    [{ '@odata.type': METHOD_TYPES.fido2, aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8' }, ['fido2SecurityKey']],
    [{ '@odata.type': METHOD_TYPES.fido2, aaGuid: [...AUTHENTICATOR_PASSKEY_AAGUIDS][0] }, ['passkey']],
    [{ '@odata.type': METHOD_TYPES.fido2, aaGuid: [...WINDOWS_HELLO_PASSKEY_AAGUIDS][0] }, ['passkey']],
    [{ '@odata.type': METHOD_TYPES.fido2, aaGuid: [...SYNCED_PASSKEY_AAGUIDS][0] }, ['syncedPasskey']],
    // Graph's own passkeyType wins over an AAGUID the bot does not know.
    [{ '@odata.type': METHOD_TYPES.fido2, aaGuid: '00000000-1111-2222-3333-444444444444', passkeyType: 'synced' }, ['syncedPasskey']],
    [
      { '@odata.type': METHOD_TYPES.fido2, aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', passkeyType: 'deviceBound' },
      ['fido2SecurityKey'],
    ],
    [{ '@odata.type': METHOD_TYPES.external }, ['externalAuth']],
    [{ '@odata.type': METHOD_TYPES.qrCodePin }, ['qrCodePin']],
    [{ '@odata.type': METHOD_TYPES.windowsHelloForBusiness }, ['windowsHelloForBusiness']],
    [{ '@odata.type': METHOD_TYPES.platformCredential }, ['platformCredential']],
    [{ '@odata.type': '#microsoft.graph.x509CertificateAuthenticationMethod' }, ['certificate']],
    [{ '@odata.type': METHOD_TYPES.softwareOath }, ['softwareOath']],
    [{ '@odata.type': METHOD_TYPES.hardwareOath }, ['hardwareOath']],
    [{ '@odata.type': METHOD_TYPES.email }, ['email']],
    [{ '@odata.type': METHOD_TYPES.temporaryAccessPass }, ['temporaryAccessPass']],
    [{ '@odata.type': METHOD_TYPES.password }, []],
  ])('%o', (method, kinds) => {
    expect(liveMethodKinds([{ ...base, ...method }])).toEqual(kinds);
  });

  it('reads types it does not know as an unknown method (never as no MFA) and counts them', () => {
    const unknown = new UnknownMethodTally();
    expect(liveMethodKinds([{ '@odata.type': '#microsoft.graph.retinaScanAuthenticationMethod' }, {}], unknown)).toEqual(['unknownMethod']);
    expect(unknown.toRecord()).toEqual({ '#microsoft.graph.retinaScanAuthenticationMethod': 1, '(no @odata.type)': 1 });
  });

  it("reads every method of the demo tenant's people as the report names it", () => {
    const tenant = generateDemoTenant();
    const methods = tenant.users.flatMap((u) => u.methods);
    // The demo's cast brings the kinds the generated mix has few of; the samples above cover the rest.
    const types = new Set(methods.map((m) => m['@odata.type']));
    for (const type of [METHOD_TYPES.fido2, METHOD_TYPES.phone, METHOD_TYPES.external, METHOD_TYPES.qrCodePin])
      expect(types).toContain(type);
    for (const method of methods) {
      expect({ id: method.id, kinds: liveMethodKinds([method]) }).toEqual({
        id: method.id,
        kinds: reportMethodKinds(reportNamesOf(method)),
      });
    }
  });

  it('reads every demo-tenant method the way the report names it, so both sources agree', () => {
    const samples: AuthenticationMethod[] = [
      PASSWORD_METHOD,
      {
        '@odata.type': METHOD_TYPES.microsoftAuthenticator,
        id: 'a',
        displayName: 'x',
        deviceTag: 'SoftwareTokenActivated',
        phoneAppVersion: '6',
        createdDateTime: null,
      },
      {
        '@odata.type': METHOD_TYPES.microsoftAuthenticator,
        id: 'b',
        displayName: 'x',
        deviceTag: 'SoftwareTokenActivated',
        phoneAppVersion: '6',
        createdDateTime: '2024-02-02T00:00:00Z',
      },
      {
        '@odata.type': METHOD_TYPES.fido2,
        id: 'c',
        displayName: 'k',
        createdDateTime: '2023-01-01T00:00:00Z',
        aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
        model: 'YubiKey 5',
        attestationCertificates: [],
        attestationLevel: 'attested',
      },
      {
        '@odata.type': METHOD_TYPES.fido2,
        id: 'd',
        displayName: 'k',
        createdDateTime: '2025-01-01T00:00:00Z',
        aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
        model: 'YubiKey 5',
        attestationCertificates: [],
        attestationLevel: 'attested',
      },
      {
        '@odata.type': METHOD_TYPES.fido2,
        id: 'e',
        displayName: 'p',
        createdDateTime: '2025-01-01T00:00:00Z',
        aaGuid: [...AUTHENTICATOR_PASSKEY_AAGUIDS][1] as string,
        model: 'Authenticator',
        attestationCertificates: [],
        attestationLevel: 'notAttested',
      },
      { '@odata.type': METHOD_TYPES.phone, id: 'f', phoneNumber: '+1 5', phoneType: 'mobile', smsSignInState: 'notEnabled' },
      { '@odata.type': METHOD_TYPES.phone, id: 'g', phoneNumber: '+1 6', phoneType: 'alternateMobile', smsSignInState: 'notSupported' },
      { '@odata.type': METHOD_TYPES.phone, id: 'h', phoneNumber: '+1 7', phoneType: 'office', smsSignInState: 'notSupported' },
      { '@odata.type': METHOD_TYPES.windowsHelloForBusiness, id: 'i', displayName: 'pc', createdDateTime: null, keyStrength: 'normal' },
      {
        '@odata.type': METHOD_TYPES.platformCredential,
        id: 'j',
        displayName: 'mac',
        createdDateTime: null,
        keyStrength: 'normal',
        platform: 'macOS',
      },
      { '@odata.type': METHOD_TYPES.softwareOath, id: 'k', secretKey: null },
      { '@odata.type': METHOD_TYPES.hardwareOath, id: 'l', displayName: null, serialNumber: '1', manufacturer: 'm', model: 'x' },
      { '@odata.type': METHOD_TYPES.email, id: 'm', emailAddress: 'a@b.example' },
      {
        '@odata.type': METHOD_TYPES.temporaryAccessPass,
        id: 'n',
        createdDateTime: null,
        startDateTime: null,
        lifetimeInMinutes: 60,
        isUsableOnce: true,
        isUsable: true,
        methodUsabilityReason: 'enabledByPolicy',
      },
    ];
    for (const method of samples) {
      expect({ type: method['@odata.type'], kinds: liveMethodKinds([method]) }).toEqual({
        type: method['@odata.type'],
        kinds: reportMethodKinds(reportNamesOf(method)),
      });
    }
  });
});

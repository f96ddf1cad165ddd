import { liveMethodKinds } from '../../../src/adapters/graph/live-method-kinds';
import { UnknownMethodTally } from '../../../src/adapters/graph/unknown-method-tally';
import { reportMethodKinds } from '../../../src/adapters/graph/report-method-kinds';
import {
  AUTHENTICATOR_PASSKEY_AAGUIDS,
  METHOD_TYPES,
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
    ['passKeySynced', 'passkey'],
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

  it('leaves out known non-factors silently and counts unknown names, once per occurrence', () => {
    const unknown = new UnknownMethodTally();
    expect(reportMethodKinds(['password', 'securityQuestion', 'appPassword', 'externalAuthMethod', 'email'], unknown)).toEqual(['email']);
    reportMethodKinds(['externalAuthMethod', 'qrCode'], unknown);
    expect(unknown.toRecord()).toEqual({ externalAuthMethod: 2, qrCode: 1 });
    expect(reportMethodKinds(null)).toEqual([]);
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

  it('counts unknown types', () => {
    const unknown = new UnknownMethodTally();
    expect(liveMethodKinds([{ '@odata.type': '#microsoft.graph.qrCodePinAuthenticationMethod' }, {}], unknown)).toEqual([]);
    expect(unknown.toRecord()).toEqual({ '#microsoft.graph.qrCodePinAuthenticationMethod': 1, '(no @odata.type)': 1 });
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

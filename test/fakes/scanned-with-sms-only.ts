import type { UserMfaStatus } from '../../src/domain/mfa/user-registration';

/** The latest scan as a campaign reads it: everyone is in it, with SMS only, except "gone". */
export const scannedWithSmsOnly = async (id: string): Promise<UserMfaStatus | undefined> =>
  id === 'gone'
    ? undefined
    : {
        id,
        userPrincipalName: `${id}@contoso.example`,
        displayName: `Person ${id}`,
        userType: 'member',
        accountEnabled: true,
        isAdmin: false,
        isMfaCapable: true,
        isMfaRegistered: true,
        methods: ['sms'],
        strength: 'weak',
        isCriticalAdmin: false,
        countsInRates: true,
      };

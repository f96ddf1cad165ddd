import type { UserRegistration } from '../../src/domain/mfa/user-registration';

/** A member as the registration report lists them: enabled, MFA capable and registered, no methods unless given. */
export function registration(overrides: Partial<UserRegistration> = {}): UserRegistration {
  return {
    id: 'u1',
    userPrincipalName: 'ada@contoso.example',
    displayName: 'Ada Lovelace',
    userType: 'member',
    accountEnabled: true,
    isAdmin: false,
    isMfaCapable: true,
    isMfaRegistered: true,
    methods: [],
    ...overrides,
  };
}

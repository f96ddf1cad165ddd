import { classifyRegistration } from '../../src/domain/mfa/classify-registration';
import type { MethodKind } from '../../src/domain/mfa/method-kind';
import { DEFAULT_CLASSIFICATION_POLICY, type ClassificationPolicy } from '../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY, type RatePolicy } from '../../src/domain/mfa/rate-policy';
import type { PhoneType } from '../../src/domain/mfa/sms-voice-retirement';
import type { UserMfaStatus, UserRegistration } from '../../src/domain/mfa/user-registration';
import type { DirectoryEntry } from '../../src/domain/ports/directory';

/** One person as the two directory walks see them: an entry, and a report row unless the report leaves them out. */
export interface FakeUser {
  entry: DirectoryEntry;
  registration?: UserRegistration;
}

export interface FakeUserOptions {
  methods?: MethodKind[];
  displayName?: string;
  userPrincipalName?: string;
  department?: string;
  userType?: 'member' | 'guest';
  accountEnabled?: boolean;
  isAdmin?: boolean;
  /** False: the registration report has no row for them (as for disabled accounts). */
  inReport?: boolean;
  reportUpdatedAt?: Date;
  phoneTypes?: PhoneType[];
}

export function fakeUser(id: string, options: FakeUserOptions = {}): FakeUser {
  const displayName = options.displayName ?? `User ${id}`;
  const userPrincipalName = options.userPrincipalName ?? `${id}@contoso.example`;
  const userType = options.userType ?? 'member';
  const methods = options.methods ?? [];
  const entry: DirectoryEntry = {
    id,
    userPrincipalName,
    displayName,
    userType,
    accountEnabled: options.accountEnabled ?? true,
    ...(options.department === undefined ? {} : { department: options.department }),
  };
  if (options.inReport === false) return { entry };
  const registration: UserRegistration = {
    id,
    userPrincipalName,
    displayName,
    userType,
    isAdmin: options.isAdmin ?? false,
    isMfaCapable: methods.length > 0,
    isMfaRegistered: methods.length > 0,
    methods,
    ...(options.phoneTypes ? { phoneTypes: options.phoneTypes } : {}),
    ...(options.reportUpdatedAt ? { reportUpdatedAt: options.reportUpdatedAt } : {}),
  };
  return { entry, registration };
}

/**
 * What a scan should make of a fake user: the directory entry joined with the report row (or an empty
 * registration when the report left them out), judged by the domain's rules. Stores are checked against it.
 */
export function expectedStatus(
  user: FakeUser,
  policy: ClassificationPolicy = DEFAULT_CLASSIFICATION_POLICY,
  rates: RatePolicy = DEFAULT_RATE_POLICY,
): UserMfaStatus {
  const { entry, registration } = user;
  const status = classifyRegistration(
    {
      ...entry,
      isAdmin: registration?.isAdmin ?? false,
      isMfaCapable: registration?.isMfaCapable ?? false,
      isMfaRegistered: registration?.isMfaRegistered ?? false,
      methods: [...(registration?.methods ?? [])],
      ...(registration?.reportUpdatedAt ? { reportUpdatedAt: registration.reportUpdatedAt } : {}),
    },
    policy,
    rates,
  );
  // The report had no row for them: their methods are unknown, not "none".
  return registration ? status : { ...status, inReport: false };
}

import type { PhoneType } from '../../domain/mfa/sms-voice-retirement';
import type { LiveMethod } from './live-method-kinds';

/** The registration report's names for the phone types Entra stores. */
const REPORT_PHONE_TYPES: Readonly<Record<string, PhoneType>> = {
  mobilePhone: 'mobile',
  alternateMobilePhone: 'alternateMobile',
  officePhone: 'office',
};

const PHONE_TYPES: readonly PhoneType[] = ['mobile', 'alternateMobile', 'office'];

/** The phone types among a report row's `methodsRegistered`, in Entra's order. */
export function reportPhoneTypes(names: readonly string[] | null | undefined): PhoneType[] {
  const found = new Set((names ?? []).map((name) => REPORT_PHONE_TYPES[name]).filter((t): t is PhoneType => t !== undefined));
  return PHONE_TYPES.filter((t) => found.has(t));
}

/** The phone types of a live `/authentication/methods` (or `/phoneMethods`) answer; an unknown `phoneType` is left out. */
export function livePhoneTypes(methods: readonly LiveMethod[] | null | undefined): PhoneType[] {
  const found = new Set(
    (methods ?? [])
      .filter((m) => (m['@odata.type'] ?? '').endsWith('phoneAuthenticationMethod'))
      .map((m) => m.phoneType)
      .filter((t): t is PhoneType => (PHONE_TYPES as readonly (string | undefined)[]).includes(t)),
  );
  return PHONE_TYPES.filter((t) => found.has(t));
}

/** Only when there are some, so a registration without phones reads as it always did. */
export function phoneTypesOf(types: PhoneType[]): { phoneTypes?: PhoneType[] } {
  return types.length > 0 ? { phoneTypes: types } : {};
}

import { utcDaysUntil } from '../calendar-days';
import type { MethodKind } from './method-kind';
import { percentOf } from './posture-figures';

/**
 * Microsoft is ending the SMS and voice calls it sends for MFA and self-service password reset. The dates and the
 * words people read about it live here, once, so posture, lists, campaigns and cards say the same thing.
 *
 * Source: Microsoft Learn, Entra authentication docs, "SMS and voice retirement" (concept-sms-voice-retirement,
 * 2026-06-10): from 1 September 2026 people enabled for SMS or voice are enabled for passkeys and prompted to
 * register one; from 1 February 2027 Microsoft-provided SMS and voice stop, and people whose only methods are SMS or
 * voice must register another method at their next sign-in, with no way to skip it. Organisations that must keep
 * SMS can contract a telecom provider. Public cloud.
 */
export const SMS_VOICE_RETIREMENT = {
  /** Calendar day (UTC) from which Microsoft no longer sends SMS or voice codes. */
  stopsOn: '2027-02-01',
  stopsOnText: '1 February 2027',
  /** From this day people enabled for SMS or voice are prompted to register a passkey. */
  passkeyPromptsFrom: '2026-09-01',
  source: 'https://learn.microsoft.com/entra/identity/authentication/concept-sms-voice-retirement',
} as const;

/**
 * Methods that are not a second factor (email is for password reset; a Temporary Access Pass is a bootstrap; a QR
 * code and PIN is a single-factor sign-in). Exported for the database's count, which must agree with isPhoneOnly.
 */
export const NOT_A_SECOND_FACTOR: readonly MethodKind[] = ['email', 'temporaryAccessPass', 'qrCodePin'];
export const PHONE_METHODS: readonly MethodKind[] = ['sms', 'voice'];
const NOT_A_FACTOR_SET: ReadonlySet<MethodKind> = new Set(NOT_A_SECOND_FACTOR);
const PHONE: ReadonlySet<MethodKind> = new Set(PHONE_METHODS);

/** Whether a method counts as a second factor at all: also what the per-user reading calls "MFA registered". */
export function isSecondFactor(method: MethodKind): boolean {
  return !NOT_A_FACTOR_SET.has(method);
}

/** MFA only through SMS and/or voice calls: what stops working for them on the retirement date. */
export function isPhoneOnly(methods: readonly MethodKind[]): boolean {
  const factors = methods.filter(isSecondFactor);
  return factors.length > 0 && factors.every((m) => PHONE.has(m));
}

/**
 * How Entra stores a phone number, which decides what it can do: `mobile` takes SMS and calls, `alternateMobile`
 * and `office` take calls only. The registration report names them mobilePhone, alternateMobilePhone, officePhone.
 */
export type PhoneType = 'mobile' | 'alternateMobile' | 'office';

export const PHONE_TYPE_TEXT: Readonly<Record<PhoneType, string>> = {
  mobile: 'mobile phone (text messages and calls)',
  alternateMobile: 'alternate mobile phone (calls only)',
  office: 'office phone (calls only)',
};

export type RetirementPhase = 'before' | 'today' | 'after';

export interface RetirementCountdown {
  phase: RetirementPhase;
  /** Whole calendar days to the date (before) or since it (after); 0 on the day. */
  days: number;
  /** One line for admins, e.g. "SMS and voice stop on 1 February 2027 (58 days)". */
  headline: string;
}

/** Where `now` stands against the date, counted in UTC calendar days (the date is Microsoft's, not a local one). */
export function smsVoiceCountdown(now: Date): RetirementCountdown {
  const days = utcDaysUntil(SMS_VOICE_RETIREMENT.stopsOn, now);
  const on = SMS_VOICE_RETIREMENT.stopsOnText;
  if (days > 0) return { phase: 'before', days, headline: `SMS and voice stop on ${on} (${days} ${days === 1 ? 'day' : 'days'})` };
  if (days === 0) return { phase: 'today', days: 0, headline: `SMS and voice stop today, ${on}` };
  const ago = -days;
  return {
    phase: 'after',
    days: ago,
    headline: `SMS and voice stopped on ${on} (${ago} ${ago === 1 ? 'day' : 'days'} ago): people who relied on them must register another method at their next sign-in`,
  };
}

/**
 * The posture line: how many people rely on SMS and voice alone, against the countdown, e.g. "SMS and voice stop on
 * 1 February 2027 (58 days): 312 people (4.1%) rely on them only".
 */
export function phoneOnlyLine(now: Date, phoneOnly: number, counted: number): string {
  const { phase, headline } = smsVoiceCountdown(now);
  const share = counted > 0 ? ` (${percentOf(phoneOnly, counted).toString()}%)` : '';
  const people = `${phoneOnly.toLocaleString('en-US')} ${phoneOnly === 1 ? 'person' : 'people'}${share}`;
  if (phase === 'after') return `${headline}. ${people} still had only SMS or voice at the last scan`;
  return `${headline}: ${people} ${phoneOnly === 1 ? 'relies' : 'rely'} on them only`;
}

/** The phone-only list's note: what happens to the people on it, and when (or that it has happened). */
export function phoneOnlyListNote(now: Date): string {
  const { phase, headline } = smsVoiceCountdown(now);
  if (phase === 'after') return `${headline}.`;
  return `${headline}: then each of them must register another method at their next sign-in, with no way to skip it.`;
}

/**
 * Why it matters, for an employee whose only second step is a phone: the nudge card says this instead of the
 * general reason, so the date they will meet at sign-in is the one the card names.
 */
export function phoneOnlyNudgeReason(now: Date): string {
  const { phase, days } = smsVoiceCountdown(now);
  const on = SMS_VOICE_RETIREMENT.stopsOnText;
  if (phase === 'after') {
    return `Since ${on} Microsoft no longer checks sign-ins by text message or phone call. The next time you sign in you will have to set up another method before you can carry on: do it now, at a moment that suits you.`;
  }
  const when = phase === 'today' ? 'today' : `on ${on}, in ${days} ${days === 1 ? 'day' : 'days'}`;
  return `Microsoft stops checking sign-ins by text message and phone call ${when}. After that, anyone whose only second step is a phone has to set up another method at their next sign-in before they can carry on: set it up now and that day will pass you by.`;
}

import {
  PASSKEY_TARGET_WARNING,
  SNOOZE_DAYS_MAX,
  SNOOZE_DAYS_MIN,
  SNOOZE_LIMIT_BETA_ONLY,
  type CampaignMethod,
  type CampaignState,
  type RegistrationCampaign,
} from './registration-campaign';

/**
 * A change a policy admin asks for on the registration campaign (state, target method, snooze days), checked
 * before anything is sent to Microsoft 365. Everything that arrives is untrusted: card data can be forged.
 */

/** What an admin asked for, as it arrived (card data or a typed command): nothing here is trusted yet. */
export interface CampaignChangeRequest {
  state?: unknown;
  target?: unknown;
  snoozeDays?: unknown;
  /** The snooze limit: asked for on purpose so the refusal can say it is Graph beta only. */
  limitedSnoozes?: unknown;
}

export interface CampaignChange {
  state?: Exclude<CampaignState, 'unknown'>;
  target?: Exclude<CampaignMethod, 'unknown'>;
  snoozeDays?: number;
}

export type CampaignChangeCheck =
  { ok: true; change: CampaignChange; warnings: readonly string[] } | { ok: false; refusals: readonly string[] };

export const NOTHING_TO_CHANGE = 'Nothing to change: give a state, a method or a number of snooze days.';
export const ALREADY_SO = 'Nothing to change: the registration campaign is already set that way.';

const STATES: Readonly<Record<string, CampaignChange['state']>> = {
  microsoftmanaged: 'microsoftManaged',
  enabled: 'enabled',
  disabled: 'disabled',
};
const METHODS: Readonly<Record<string, CampaignChange['target']>> = {
  microsoftauthenticator: 'microsoftAuthenticator',
  authenticator: 'microsoftAuthenticator',
  passkey: 'passkey',
};

/**
 * Checks a change; every refusal says what is allowed, and all faults are reported at once. With the campaign as
 * last read, values it already has are dropped, so a no-op is refused instead of written (a write is audited and
 * an admin pressing "save" twice should not see two changes).
 */
export function checkCampaignChange(request: CampaignChangeRequest, current?: RegistrationCampaign): CampaignChangeCheck {
  const refusals: string[] = [];
  const warnings: string[] = [];
  const change: CampaignChange = {};
  if (request.state !== undefined) {
    const state = STATES[normalise(request.state)];
    if (state) change.state = state;
    else refusals.push(`The campaign state must be "Microsoft managed", "enabled" or "disabled"; got ${shown(request.state)}.`);
  }
  if (request.target !== undefined) {
    const target = METHODS[normalise(request.target)];
    if (target) change.target = target;
    else refusals.push(`The campaign can ask people to set up Microsoft Authenticator or a passkey; got ${shown(request.target)}.`);
  }
  if (request.snoozeDays !== undefined) {
    const days = wholeNumber(request.snoozeDays);
    if (days !== null && days >= SNOOZE_DAYS_MIN && days <= SNOOZE_DAYS_MAX) change.snoozeDays = days;
    else
      refusals.push(
        `Snooze days must be a whole number from ${SNOOZE_DAYS_MIN} to ${SNOOZE_DAYS_MAX} (0 asks at every MFA sign-in); got ${shown(request.snoozeDays)}.`,
      );
  }
  if (request.limitedSnoozes !== undefined) refusals.push(SNOOZE_LIMIT_BETA_ONLY);
  if (refusals.length > 0) return { ok: false, refusals };
  if (Object.keys(change).length === 0) return { ok: false, refusals: [NOTHING_TO_CHANGE] };
  const effective = current ? withoutWhatIsAlready(change, current) : change;
  if (Object.keys(effective).length === 0) return { ok: false, refusals: [ALREADY_SO] };
  if (effective.target === 'passkey') warnings.push(PASSKEY_TARGET_WARNING);
  return { ok: true, change: effective, warnings };
}

/** A target is "already so" only when every included target asks for it; a mixed campaign is a real change. */
function withoutWhatIsAlready(change: CampaignChange, current: RegistrationCampaign): CampaignChange {
  const left: CampaignChange = {};
  if (change.state !== undefined && change.state !== current.state) left.state = change.state;
  const sameTarget = current.includes.length > 0 && current.includes.every((i) => i.method === change.target);
  if (change.target !== undefined && !sameTarget) left.target = change.target;
  if (change.snoozeDays !== undefined && change.snoozeDays !== current.snoozeDays) left.snoozeDays = change.snoozeDays;
  return left;
}

/** "Microsoft managed", "microsoft-managed" and "microsoftManaged" are the same request. */
function normalise(value: unknown): string {
  return typeof value === 'string' ? value.replace(/[\s_-]/g, '').toLowerCase() : '';
}

/** A number, or a string of digits, and nothing else. */
function wholeNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value)) return Number(value);
  return null;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

/**
 * The IANA zone to schedule someone's nudges in. Graph's mailboxSettings.timeZone is usually a Windows name
 * ("W. Europe Standard Time") but can be an IANA one, and is missing or "Customized Time Zone" for some
 * mailboxes; anything we cannot map falls back to the tenant's zone rather than failing the nudge.
 */
export function resolveTimeZone(graphTimeZone: string | null | undefined, fallback: string): string {
  const name = graphTimeZone?.trim() ?? '';
  if (name === '') return fallback;
  if (IANAZone.isValidZone(name)) return name;
  // Territory "001" is CLDR's main zone for the Windows name (Pacific → Los Angeles, not Vancouver). Its names
  // are CLDR's, some of them older links ("Asia/Calcutta"), which the tz database and Intl still accept.
  return findIana(name, '001').find((zone) => IANAZone.isValidZone(zone)) ?? fallback;
}

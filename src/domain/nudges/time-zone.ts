import { DateTime, IANAZone } from 'luxon';
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

/**
 * The last moment of a calendar day (YYYY-MM-DD) in a zone: a campaign's deadline "31 December" means the end of
 * that day where the person is. Taken in UTC, a card read in Tokyo would say 1 January.
 */
export function endOfDay(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).endOf('day').toJSDate();
}

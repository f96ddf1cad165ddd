import type { MethodKind } from '../../../domain/mfa/method-kind';
import type { MfaStrength } from '../../../domain/mfa/mfa-strength';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { countText } from './figure-text';
import { freshnessLine, type Freshness } from './freshness-line';
import { methodsInWords, STRENGTH_LOOK } from './strength-label';
import { VERBS } from './verbs';
import { PHONE_TYPE_TEXT, SMS_VOICE_RETIREMENT, type PhoneType } from '../../../domain/mfa/sms-voice-retirement';

import type { UserListKind } from '../../../use-cases/list-users';

export type { UserListKind };

export interface UserListRow {
  /** Their directory object id: what the row's buttons send (never the name, which is not unique). */
  id: string;
  displayName: string;
  userPrincipalName: string;
  department?: string;
  strength: MfaStrength;
  methods: readonly MethodKind[];
  /** The phones Entra keeps for them: the phone-only list says which, since what each can do differs. */
  phoneTypes?: readonly PhoneType[];
  isCriticalAdmin: boolean;
}

export interface UserListView {
  list: UserListKind;
  /** The department the list is limited to; absent for the whole tenant. */
  department?: string;
  /** Position of the first row in the whole list (0-based). */
  offset: number;
  /** How many people the whole list holds. */
  total: number;
  /** The page the caller read (at most MAX_USER_LIST_PAGE rows are shown). */
  users: readonly UserListRow[];
  /** Rows per page, for the Previous button (defaults to the page's own length). */
  pageSize?: number;
  freshness: Freshness;
  /** Replaces the list's standing subtitle, e.g. the phone-only list's countdown, worded by the domain. */
  note?: string;
}

/**
 * The largest page a card shows: each row is a button (its person and the page to come back to), which costs about
 * 270 bytes; 15 rows stay near 11 KB, and under 21 KB with the longest names. Teams' limit for safety is 28 KB.
 */
export const MAX_USER_LIST_PAGE = 15;

/** What Next/Previous send back: the route reads the page again from the store (the card is not trusted for more). */
export interface UserListPageData {
  list: UserListKind;
  department?: string;
  offset: number;
}

const TITLES: Record<UserListKind, string> = {
  unenrolled: 'People with no MFA',
  weak: 'People with only weak MFA',
  'phone-only': 'People who rely on SMS and voice only',
};

const SUBTITLES: Record<UserListKind, string> = {
  unenrolled: 'No method registered: they sign in with a password alone.',
  weak: 'Only a text message, phone call or email code: these can be intercepted.',
  'phone-only': `Only text messages or phone calls, which Microsoft stops on ${SMS_VOICE_RETIREMENT.stopsOnText}.`,
};

function pageData(view: UserListView, offset: number): UserListPageData {
  return view.department === undefined ? { list: view.list, offset } : { list: view.list, department: view.department, offset };
}

export function userListCard(view: UserListView): AdaptiveCard {
  const users = view.users.slice(0, MAX_USER_LIST_PAGE);
  const pageSize = Math.min(view.pageSize ?? users.length, MAX_USER_LIST_PAGE) || MAX_USER_LIST_PAGE;
  const first = view.offset + 1;
  const last = view.offset + users.length;
  const scope = view.department === undefined ? 'whole tenant' : directoryText(view.department || 'No department', TEXT_LIMITS.department);
  const range =
    users.length === 0
      ? view.total === 0
        ? 'Nobody here: well done.'
        : `Nothing after ${countText(view.total)}: go back a page.`
      : `Showing ${countText(first)}–${countText(last)} of ${countText(view.total)}`;
  return renderCard('user-list', {
    title: `${TITLES[view.list]} · ${scope}`,
    subtitle: view.note ?? SUBTITLES[view.list],
    range,
    users: users.map((u) => ({
      // Each row's buttons bring the admin back to this page: the list stays where they were.
      person: { userId: u.id, from: pageData(view, view.offset) },
      name: directoryText(u.displayName, TEXT_LIMITS.displayName),
      // One line for both: one TextBlock less per row keeps a full page small.
      details: `${directoryText(u.userPrincipalName, TEXT_LIMITS.userPrincipalName)} · ${u.department ? directoryText(u.department, TEXT_LIMITS.department) : 'no department'}`,
      strength: STRENGTH_LOOK[u.strength].label + (u.isCriticalAdmin ? ' · ⚠ admin' : ''),
      strengthColor: STRENGTH_LOOK[u.strength].textColor,
      // "No MFA" already says there is no method.
      methods: rowMethods(u),
    })),
    freshness: freshnessLine(view.freshness),
    previous: view.offset > 0 ? pageData(view, Math.max(0, view.offset - pageSize)) : null,
    next: last < view.total && users.length > 0 ? pageData(view, last) : null,
    // A campaign for the people this list holds whenever each run starts (they drop out as they enrol).
    campaignFor:
      view.total > 0
        ? { audience: view.department === undefined ? { list: view.list } : { list: view.list, department: view.department } }
        : null,
    departmentSummary: view.department ? { department: view.department } : null,
    verbs: VERBS,
  });
}

/** "Text message (SMS), Phone call · mobile phone (text messages and calls)"; nothing for "No MFA", which says it. */
function rowMethods(u: UserListRow): string {
  if (u.strength === 'none' && u.methods.length === 0) return '';
  const phones = (u.phoneTypes ?? []).map((type) => PHONE_TYPE_TEXT[type]);
  return [methodsInWords(u.methods), ...(phones.length > 0 ? [phones.join(', ')] : [])].join(' · ');
}

import { phoneOnlyListNote } from '../../../domain/mfa/sms-voice-retirement';
import type { UserMfaStatus } from '../../../domain/mfa/user-registration';
import type { SmtpSender } from '../../../domain/smtp/smtp-sender';
import type { AdaptiveCard } from '../cards/card-template';
import { MAX_USER_LIST_PAGE, userListCard, type UserListPageData } from '../cards/user-list-card';
import { userMatchesCard } from '../cards/user-matches-card';
import { userStatusCard } from '../cards/user-status-card';
import { checkUserLive, lookUpUser, type CheckedUser } from '../../../use-cases/look-up-user';
import { listUsers, type UserListKind } from '../../../use-cases/list-users';
import type { AdminAnswerDeps } from './admin-answers';

export const USER_LIST_PAGE_SIZE = MAX_USER_LIST_PAGE;

export const NO_SCAN_YET = "There is no completed scan yet. Say **scan** to read everyone's MFA registration now.";

/** What a card about people shows beside its content: the outcome of the last press, and the list it came from. */
export interface CardContext {
  notice?: string;
  from?: UserListPageData;
}

/** A page of the `unenrolled`, `weak` or `phone-only` list, whose rows carry their person's id for the buttons. */
export async function userListAnswer(
  deps: AdminAnswerDeps,
  list: UserListKind,
  department: string | undefined,
  offset: number,
): Promise<{ card?: AdaptiveCard; text?: string }> {
  const page = await listUsers(deps, { list, ...(department ? { department } : {}), offset, pageSize: USER_LIST_PAGE_SIZE });
  if (page.kind === 'noScanYet') return { text: NO_SCAN_YET };
  return {
    card: userListCard({
      list,
      ...(department ? { department } : {}),
      offset: page.offset,
      total: page.total,
      pageSize: USER_LIST_PAGE_SIZE,
      users: page.users.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        ...(u.department ? { department: u.department } : {}),
        strength: u.strength,
        methods: u.methods,
        ...(u.phoneTypes ? { phoneTypes: u.phoneTypes } : {}),
        isCriticalAdmin: u.isCriticalAdmin,
      })),
      ...(list === 'phone-only' ? { note: phoneOnlyListNote(deps.now()) } : {}),
      freshness: { takenAt: page.takenAt, ...(page.reportUpdatedAt ? { reportUpdatedAt: page.reportUpdatedAt } : {}) },
    }),
  };
}

/** "user <name or UPN>": the person's card, or the people the query could mean, each a button. */
export async function userAnswer(deps: AdminAnswerDeps, query: string): Promise<{ card?: AdaptiveCard; text?: string }> {
  const found = await lookUpUser(deps, query);
  if (found.kind === 'noMatch') return { text: `No one in the last scan matches "${query}". Try their full UPN (name@domain).` };
  if (found.kind === 'several') return { card: userMatchesCard({ query, matches: found.matches, more: found.more }) };
  return { card: checkedUserCard(deps, found, await smtpSenderOf(deps, found.status.id)) };
}

/** A person from the last scan, checked live again (the user card's "check again", a list's row). */
export async function liveStatusCard(deps: AdminAnswerDeps, person: UserMfaStatus, shown: CardContext = {}): Promise<AdaptiveCard> {
  const [checked, smtpSender] = await Promise.all([checkUserLive(deps, person), smtpSenderOf(deps, person.id)]);
  return checkedUserCard(deps, checked, smtpSender, shown);
}

/** Never fails the card: without the sign-in log's findings it shows the person's MFA alone. */
async function smtpSenderOf(deps: AdminAnswerDeps, id: string): Promise<SmtpSender | undefined> {
  return deps.smtpSenderOf?.(id).catch(() => undefined);
}

function checkedUserCard(
  deps: AdminAnswerDeps,
  checked: CheckedUser,
  smtpSender: SmtpSender | undefined,
  shown: CardContext = {},
): AdaptiveCard {
  const { status } = checked;
  const extra = { policy: deps.policy, ...(smtpSender ? { smtpSender } : {}), ...shown };
  return checked.source === 'live'
    ? userStatusCard({ ...status, ...extra, source: { kind: 'live', checkedAt: checked.checkedAt } })
    : userStatusCard({
        ...status,
        ...extra,
        source: {
          kind: 'report',
          ...(status.reportUpdatedAt ? { reportUpdatedAt: status.reportUpdatedAt } : {}),
          liveCheckFailed: checked.liveCheckFailed,
        },
      });
}

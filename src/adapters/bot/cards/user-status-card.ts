import { ERROR_CATALOGUE, type ErrorCode } from '../../../domain/errors';
import {
  classifyMethods,
  DEFAULT_CLASSIFICATION_POLICY,
  STRENGTHS_STRONGEST_FIRST,
  type ClassificationPolicy,
  type MfaStrength,
} from '../../../domain/mfa/mfa-strength';
import type { UserMfaStatus } from '../../../domain/mfa/user-registration';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { utcDateTimeText } from './freshness-line';
import { methodLabel, methodsInReadingOrder, STRENGTH_LOOK, type TextColor } from './strength-label';
import { VERBS } from './verbs';
import type { SmtpSender } from '../../../domain/smtp/smtp-sender';
import type { UserListPageData } from './user-list-card';

/** One person's status as the store or the live check judged it, and where it came from. */
export type UserStatusView = Pick<
  UserMfaStatus,
  | 'id'
  | 'displayName'
  | 'userPrincipalName'
  | 'department'
  | 'jobTitle'
  | 'strength'
  | 'methods'
  | 'isAdmin'
  | 'isCriticalAdmin'
  | 'userType'
  | 'accountEnabled'
> &
  Partial<Pick<UserMfaStatus, 'isMfaCapable' | 'isMfaRegistered'>> & {
    /** The tenant's policy, to say how each method counts (the same one that judged `strength`). */
    policy?: ClassificationPolicy;
    /** Live: the user's methods read just now. Report: from the last scan (the live check was not possible). */
    source: { kind: 'live'; checkedAt: Date } | { kind: 'report'; reportUpdatedAt?: Date; liveCheckFailed?: ErrorCode };
    /** What the latest read of the sign-in log found of this account sending through SMTP AUTH, if anything. */
    smtpSender?: Pick<SmtpSender, 'lastSeen' | 'signIns' | 'onlyOAuth'>;
    /** The list page the admin came from, for "Back to the list"; its buttons keep it. */
    from?: UserListPageData;
    /** What the last press on this card did (e.g. the reminder's outcome), shown under the name. */
    notice?: string;
  };

interface Flag {
  text: string;
  color: TextColor;
}

function flagsOf(view: UserStatusView): Flag[] {
  const flags: Flag[] = [];
  if (view.isCriticalAdmin) flags.push({ text: '⚠ Critical: an administrator without strong MFA', color: 'Default' });
  else if (view.isAdmin) flags.push({ text: 'Administrator', color: 'Default' });
  // Microsoft's own flags: registered methods that its policy does not let the person use for MFA. Only from
  // the report: after a live check the methods are newer than the report's verdict on them.
  if (view.source.kind === 'report' && view.isMfaRegistered === true && view.isMfaCapable === false) {
    flags.push({
      text: "Registered, but not MFA-capable in Microsoft's report: the tenant's policy does not allow these methods for MFA",
      color: 'Default',
    });
  }
  if (view.smtpSender && !view.smtpSender.onlyOAuth) {
    const { signIns, lastSeen } = view.smtpSender;
    flags.push({
      text: `⚠ Sends mail with a password through SMTP AUTH (${signIns} sign-in${signIns === 1 ? '' : 's'} in 30 days, the latest ${utcDateTimeText(lastSeen)}): MFA cannot protect that, and it stops when basic authentication is switched off. Say "smtp ${view.userPrincipalName}" for more`,
      color: 'Default',
    });
  }
  if (view.userType === 'guest') flags.push({ text: 'Guest account: left out of the rates', color: 'Default' });
  if (view.accountEnabled === false) flags.push({ text: 'Account disabled: left out of the rates', color: 'Default' });
  return flags;
}

function sourceText(source: UserStatusView['source']): string {
  if (source.kind === 'live') return `Checked live just now (${utcDateTimeText(source.checkedAt)}).`;
  const report = source.reportUpdatedAt ? `From the report of ${utcDateTimeText(source.reportUpdatedAt)}` : 'From the last scan';
  if (!source.liveCheckFailed) return `${report}.`;
  // The admin sees why, in the catalogue's words for operators: a missing permission is not a busy Graph.
  const why = ERROR_CATALOGUE[source.liveCheckFailed].title;
  return `${report}: the live check failed (${source.liveCheckFailed}: ${why}), so this may be out of date.`;
}

const rank = (s: MfaStrength) => STRENGTHS_STRONGEST_FIRST.indexOf(s);

export function userStatusCard(view: UserStatusView): AdaptiveCard {
  const look = STRENGTH_LOOK[view.strength];
  const policy = view.policy ?? DEFAULT_CLASSIFICATION_POLICY;
  // By the tenant's strength first, then in the usual reading order (sort is stable).
  const methods = methodsInReadingOrder(view.methods)
    .map((kind) => ({ kind, strength: classifyMethods([kind], policy) }))
    .sort((a, b) => rank(a.strength) - rank(b.strength));
  return renderCard('user-status', {
    person: view.from ? { userId: view.id, from: view.from } : { userId: view.id },
    from: view.from ?? null,
    notice: view.notice ?? '',
    // Strong people are not reminded (the nudge would say so): no button that can only refuse.
    canRemind: view.strength !== 'strong',
    name: directoryText(view.displayName, TEXT_LIMITS.displayName),
    upn: directoryText(view.userPrincipalName, TEXT_LIMITS.userPrincipalName),
    details:
      [view.jobTitle, view.department]
        .filter((s): s is string => !!s)
        .map((s) => directoryText(s, TEXT_LIMITS.department))
        .join(' · ') || 'No department',
    verdict: {
      text: `${look.label}${view.strength === 'none' ? '' : ' MFA'}`,
      meaning: look.meaning.charAt(0).toUpperCase() + look.meaning.slice(1),
      // The box carries the colour; the words stay dark, since coloured text on a coloured box is hard to read.
      style: view.isCriticalAdmin ? 'attention' : look.containerStyle,
    },
    flags: flagsOf(view),
    methods: methods.map((m) => ({
      label: methodLabel(m.kind),
      // A method the policy does not count (e.g. a Temporary Access Pass) is not "no MFA": say what it is.
      strength: m.strength === 'none' ? 'not counted' : STRENGTH_LOOK[m.strength].inSentence,
      color: m.strength === 'none' ? 'Default' : STRENGTH_LOOK[m.strength].textColor,
    })),
    source: sourceText(view.source),
    verbs: VERBS,
  });
}

import type { MfaStrength } from '../../../domain/mfa/mfa-strength';
import type { NudgeCard, NudgeNotice } from '../../../domain/nudges/nudge-card';
import type { NudgeTarget } from '../../../domain/nudges/nudge-target';
import { escapeMarkdown, renderCard, type AdaptiveCard } from './card-template';
import { nextStepText, setUpLinkFor } from './next-step-text';
import { methodsInWords, STRENGTH_LOOK, type ContainerStyle } from './strength-label';
import { VERBS } from './verbs';

const VERDICTS: Record<Exclude<MfaStrength, 'strong'>, string> = {
  none: 'You have no second sign-in step yet: your password is all that protects your work account.',
  weak: 'You rely on text messages, phone calls or email codes only.',
  acceptable: 'You sign in with one-time codes.',
};

/** Why it matters, in two sentences, for where they are. */
const WHY: Record<Exclude<MfaStrength, 'strong'>, string> = {
  none: 'Most account break-ins start with a password that was guessed, reused or phished. A second step on your phone stops almost all of them, even when the password is known.',
  weak: 'Texts and calls can be redirected to an attacker by swapping your SIM or forwarding your number, and codes can be talked out of you. Microsoft Authenticator asks you to approve on your own phone instead, with a number only the real sign-in page shows.',
  acceptable:
    'A code can be typed into a fake sign-in page as easily as into the real one. Authenticator notifications with number matching, or a passkey, cannot be phished that way.',
};

/**
 * Asked for a passkey: why a passkey, for where they are. `strong` is someone with Microsoft Authenticator, whose
 * approval a fake page can still pass on; a passkey only answers the real sign-in page.
 */
const PASSKEY_VERDICT = 'Your organisation now asks for a passkey, a way to sign in that cannot be phished.';
const PASSKEY_WHY: Record<MfaStrength, string> = {
  none: 'Most account break-ins start with a password that was guessed, reused or phished. A passkey stops them: it only works on the real sign-in page, and there is no code for anyone to trick out of you.',
  weak: 'Texts and calls can be redirected to an attacker by swapping your SIM or forwarding your number, and codes can be talked out of you. A passkey only works on the real sign-in page: there is nothing to intercept or hand over.',
  acceptable:
    'A code can be typed into a fake sign-in page as easily as into the real one. A passkey only works on the real sign-in page, so it cannot be phished that way.',
  strong:
    'A fake sign-in page can pass your Authenticator approval on to an attacker. A passkey only works on the real sign-in page, so it cannot be phished that way.',
};

/** What a recheck found missing, in the words of what the card asks for. */
const MISSING: Record<NudgeTarget, string> = {
  authenticator: 'no Microsoft Authenticator or other strong method',
  passkey: 'no passkey',
  either: 'no Microsoft Authenticator or passkey',
};

const DAY_TITLES: Record<number, string> = { 1: 'Tomorrow', 7: 'In a week' };

/**
 * Adaptive Cards format `{{DATE(…)}}` and `{{TIME(…)}}` on the reader's device, in their own time zone and
 * language; they need RFC 3339 without fractions of a second.
 */
function localDateTime(at: Date): string {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/**
 * A time of day on the reader's device. Shown to the minute: rounded up, a time to come back is never too early.
 */
function localTime(at: Date, round: 'down' | 'up' = 'down'): string {
  const minute = (round === 'up' ? Math.ceil : Math.floor)(at.getTime() / 60_000) * 60_000;
  return `{{TIME(${new Date(minute).toISOString().replace(/\.\d{3}Z$/, 'Z')})}}`;
}

/**
 * A deadline's day, in the reader's own format. A deadline is the end of its day in the person's time zone, and
 * DATE() shows the day in the zone of the reader's device: shown as the middle of that day, it stays the same day
 * for a reader up to 12 hours from their mailbox's zone (travelling, or a device set differently).
 */
function deadlineDay(deadline: Date): string {
  const midday = new Date(deadline.getTime() - 12 * 3600_000);
  return `{{DATE(${midday.toISOString().replace(/\.\d{3}Z$/, 'Z')}, LONG)}}`;
}

function noticeOf(notice: NudgeNotice | undefined, target: NudgeTarget): { text: string; style: ContainerStyle } {
  switch (notice?.kind) {
    case undefined:
    case 'help':
      return { text: '', style: 'default' };
    case 'campaignTest':
      return {
        text: `Test of the campaign "${escapeMarkdown(notice.campaignName)}", sent to you only: this is the card each person it reaches gets, in their own chat. Its buttons do nothing on this copy.`,
        style: 'accent',
      };
    case 'stillMissing':
      return {
        text:
          target === 'passkey'
            ? `I checked just now: there is no passkey on your account yet, and a passkey is what your organisation asks for. Finish adding it (it can take a minute to show up), then press **I've done it** again.`
            : `I checked just now: there is ${MISSING[target]} on your account yet. Finish the setup (it can take a minute to show up), then press **I've done it** again.`,
        style: 'warning',
      };
    case 'checkUnavailable':
      if (notice.notPermitted)
        return {
          text: "I can't check your sign-in methods yet: MFA Coach isn't allowed to read them, which your IT team can fix. What you set up still counts: the next scan will see it.",
          style: 'warning',
        };
      return {
        text: "I couldn't check your sign-in methods just now: Microsoft's directory did not answer in time. Nothing is lost: please press **I've done it** again in a minute.",
        style: 'warning',
      };
    case 'checkLimited':
      return {
        text:
          (notice.lastCheckedAt
            ? `I checked at ${localTime(notice.lastCheckedAt)}: there was ${MISSING[target]} on your account yet. `
            : '') +
          `You've pressed a few times in a short while, and Microsoft's directory is shared by everyone here, so I can check again from ${localTime(notice.retryAt, 'up')}: finish the setup, then press **I've done it** again. Nothing is lost.`,
        style: 'warning',
      };
    case 'snoozed':
      return {
        text: `OK, I'll remind you on ${localDateTime(notice.until)}.${notice.wasLast ? ' That was the last time you can put this off.' : ''}`,
        style: 'emphasis',
      };
    case 'snoozeRefused':
      return {
        text:
          notice.reason === 'no-snoozes-left'
            ? 'You have put this off as often as your organisation allows. Please set it up now, or press **I need help**.'
            : 'That is not one of the reminder times on offer: pick one of the buttons.',
        style: 'warning',
      };
  }
}

/**
 * A nudge card, or what it turned into. Only Teams user ids (29:…) go into `refresh.userIds`; without one the card
 * still refreshes in a 1:1 chat, where Teams refreshes for every member.
 */
export function nudgeCard(card: NudgeCard, recipientTeamsId?: string): AdaptiveCard {
  const refreshUserIds = recipientTeamsId?.startsWith('29:') ? [recipientTeamsId] : [];
  switch (card.kind) {
    case 'nudge': {
      const strength = card.strength === 'strong' ? 'acceptable' : card.strength;
      const passkey = card.target === 'passkey';
      const help = card.notice?.kind === 'help' ? card.notice : undefined;
      const snooze = card.snooze;
      return withRefreshUsers(
        renderCard('nudge', {
          nudgeId: card.nudgeId,
          verbs: { refresh: VERBS.nudgeRefresh, done: VERBS.nudgeDone, snooze: VERBS.nudgeSnooze, help: VERBS.nudgeHelp },
          heading: `${card.name}, please protect your work account`,
          verdict: {
            text:
              (passkey && card.strength === 'strong'
                ? PASSKEY_VERDICT
                : card.nextStep.kind === 'managedElsewhere'
                  ? 'You sign in with a method MFA Coach cannot judge.'
                  : VERDICTS[strength]) + (card.methods.length > 0 ? ` You have: ${methodsInWords(card.methods)}.` : ''),
            // The container carries the strength's colour; coloured words on it would fall below WCAG AA.
            color: 'Default',
            style: STRENGTH_LOOK[strength].containerStyle,
          },
          why: card.phoneOnlyReason ?? (passkey ? PASSKEY_WHY[card.strength] : WHY[strength]),
          deadline: card.deadline ? `Please do it by ${deadlineDay(card.deadline)}.` : '',
          nextStep: nextStepText(card.nextStep),
          setUpUrl: setUpLinkFor(card.nextStep),
          notice: noticeOf(card.notice, card.target),
          snooze: {
            show: snooze !== null && snooze.remaining > 0,
            note: snooze?.nextIsLast
              ? 'This is the last time you can put this off.'
              : `You can put this off ${snooze?.remaining ?? 0} more times.`,
            choices: (snooze?.choicesDays ?? []).map((days) => ({ days, title: DAY_TITLES[days] ?? `In ${days} days` })),
          },
          help: {
            offer: help === undefined,
            show: help !== undefined,
            title: help?.article?.title ?? 'Getting help',
            shortAnswer: help?.article?.shortAnswer ?? 'Your IT team can help you set it up.',
            steps: (help?.article?.steps ?? []).map((step, i) => `${i + 1}. ${step}`).join('\n'),
            url: help?.article?.sources[0] ?? '',
            contact: help ? helpContactText(help) : '',
          },
        }),
        refreshUserIds,
      );
    }
    case 'enrolled':
      return closed(
        {
          nudgeId: card.nudgeId,
          heading: `Thank you, ${card.name}!`,
          text: `✓ Your account is protected with strong MFA${card.methods.length > 0 ? ` (${methodsInWords(card.methods)})` : ''}. There will be no more reminders about it.`,
          style: 'good',
          footer: 'Keep a second strong method, such as a passkey, so that a new or lost phone never locks you out.',
          showMethodsLink: true,
        },
        refreshUserIds,
      );
    case 'notYours':
      return closed(
        {
          nudgeId: '',
          heading: 'This reminder is for someone else',
          text: 'Only the person it was sent to can act on it. Say **status** to check your own MFA.',
          style: 'warning',
          footer: '',
          showMethodsLink: false,
        },
        [],
      );
    case 'unknown':
      return closed(
        {
          nudgeId: '',
          heading: 'This reminder is no longer valid',
          text: 'I have no record of it. Say **status** to check your MFA now.',
          style: 'warning',
          footer: '',
          showMethodsLink: true,
        },
        [],
      );
  }
}

function helpContactText(help: Extract<NudgeNotice, { kind: 'help' }>): string {
  if (help.helpDeskTold) return `I've let the help desk know you asked${help.contact ? ` (${help.contact})` : ''}; they will get in touch.`;
  return help.contact ? `Still stuck? Contact ${help.contact}.` : '';
}

function closed(
  data: { nudgeId: string; heading: string; text: string; style: ContainerStyle; footer: string; showMethodsLink: boolean },
  userIds: string[],
): AdaptiveCard {
  return withRefreshUsers(renderCard('nudge-closed', { ...data, refreshVerb: VERBS.nudgeRefresh }), userIds);
}

/** Templating cannot put an array into a string field, so the recipient list is set after expansion. */
function withRefreshUsers(card: AdaptiveCard, userIds: string[]): AdaptiveCard {
  const refresh = card.refresh as { userIds?: unknown } | null | undefined;
  if (!refresh) {
    // A `$when` that dropped the refresh leaves null, which is not a valid refresh.
    delete card.refresh;
    return card;
  }
  if (userIds.length > 0) refresh.userIds = userIds;
  else delete refresh.userIds;
  return card;
}

import type { NudgeRequest, NudgeResult } from '../../../use-cases/send-nudge';
import { STRENGTH_LOOK } from '../cards/strength-label';
import { utcDateTimeText } from '../cards/freshness-line';
import { escapeMarkdown } from '../cards/card-template';

/**
 * A turn waits this long at most for Teams to open the chat of someone MFA Coach was just installed for: Teams
 * expects the bot's answer within 15 s, and the next `nudge` finds the install done and opens the chat at once.
 */
export const TURN_NEW_CHAT_PATIENCE_MS = 8000;

/** The admin's `nudge <UPN>`: what happened, in a sentence an admin can act on. */
export async function nudgeAnswer(
  send: (request: NudgeRequest) => Promise<NudgeResult>,
  who: string,
  force: boolean,
  actorId: string,
): Promise<string> {
  const result = await send({
    userId: who,
    source: 'admin',
    requestedBy: actorId,
    newChatPatienceMs: TURN_NEW_CHAT_PATIENCE_MS,
    ...(force ? { force: true } : {}),
  });
  if (result.kind === 'unknownPerson') return `No one in the directory has the UPN "${who}".`;
  // The answer is read as markdown: a display name such as "[click](…)" must stay words. (A UPN was checked as one.)
  const name = result.person.displayName ? escapeMarkdown(result.person.displayName) : who;
  switch (result.kind) {
    case 'alreadyStrong':
      return `${name} already has strong MFA, so I sent no reminder.`;
    case 'checkUnavailable':
      if (result.notPermitted)
        return `I couldn't check ${name}'s sign-in methods: Microsoft Graph refused MFA Coach the permission to read them (UserAuthenticationMethod.Read.All; \`npm run doctor\` shows what is missing). Nothing was sent.`;
      return `I couldn't check ${name}'s sign-in methods: Microsoft Graph didn't answer. Nothing was sent; please try again in a few minutes.`;
    case 'deferred':
      switch (result.reason) {
        case 'sendingHours':
          return `It is outside ${name}'s sending hours now, so the reminder will go when they open: ${localText(result.notBefore, result.timeZone)} their time (${result.timeZone}).`;
        case 'frequencyCap':
          return `${name} had a reminder recently, so the next may go from ${utcDateTimeText(result.notBefore)}. Say **nudge ${who} force** to send one anyway.`;
        case 'snoozed':
          return `${name} asked to be reminded on ${utcDateTimeText(result.notBefore)}. Say **nudge ${who} force** to send one anyway.`;
      }
      break;
    case 'sent':
      return `Sent ${name} a reminder (${STRENGTH_LOOK[result.strength].inSentence} today). Their presses on it are recorded.`;
    case 'throttled':
      return `Microsoft asked me to slow down, so the reminder to ${name} will go in about ${Math.ceil(result.retryAfterMs / 1000)} seconds.`;
    case 'blocked':
      return `${name} has blocked or removed MFA Coach in Teams, so I can't send them reminders (Teams answered ${result.code}). Nothing more will be tried.`;
    case 'notInstallable':
      return `MFA Coach is not installed for ${name}, and I could not install it: ${result.reason}.`;
    case 'failed':
      return `The reminder to ${name} could not be sent (${result.reason}). Please try again later.`;
    case 'uncertain':
      return `Teams did not confirm the reminder to ${name} (${result.reason}); it may have arrived. It counts as sent and will not be sent again by itself.`;
  }
  return `The reminder to ${name} could not be sent.`;
}

function localText(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

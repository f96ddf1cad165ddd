/**
 * Whether a chat message asks about the sender's own MFA set-up: "am I set up?", "status", "my mfa", "is
 * my 2FA ok". Matched on the whole message, tidied (case, punctuation, a leading slash, "please"), against
 * phrasings people use, so that a question about MFA in general ("what is mfa?") or about someone else is
 * not taken for it.
 */
const MFA = '(mfa|2fa|2 factor|two factor|2 step|two step|multi factor|authenticator|security|sign in)';
const SETUP = '(set ?up|setup)';

const OWN_STATUS_PHRASES: readonly RegExp[] = [
  `^(my )?(${MFA} )?status$`,
  `^(check|show|what is|whats|how is|hows) (me|my status|my ${MFA}( status| ${SETUP})?)$`,
  `^my (${MFA}|security info|sign in methods?|methods?)$`,
  `^am i (all )?(${SETUP}|enrolled|registered|protected|covered|done|ok|okay|good|compliant)( (for|with|on) ${MFA})?$`,
  `^(do|have) i (have|got|${SETUP}|registered|enrolled( in)?) ${MFA}( (${SETUP}|on|enabled))?$`,
  `^is my (${MFA}|account)( ${SETUP})? (ok|okay|good|done|${SETUP}|enabled|on|working|fine|secure)$`,
].map((pattern) => new RegExp(pattern));

export function isOwnStatusQuestion(text: string | undefined): boolean {
  if (!text) return false;
  const tidy = text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[-_]/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\b(please|pls|hey|hi|hello|now|again|still|really|actually)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return OWN_STATUS_PHRASES.some((phrase) => phrase.test(tidy));
}

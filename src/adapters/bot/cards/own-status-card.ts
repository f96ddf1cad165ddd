import type { MfaStrength } from '../../../domain/mfa/mfa-strength';
import type { OwnStatus } from '../../../use-cases/check-own-status';
import { renderCard, type AdaptiveCard } from './card-template';
import { utcDateTimeText } from './freshness-line';
import { methodsInWords, STRENGTH_LOOK, type ContainerStyle, type TextColor } from './strength-label';
import { nextStepText } from './next-step-text';
import { VERBS } from './verbs';

interface Verdict { text: string; color: TextColor; style: ContainerStyle }

const VERDICT_TEXTS: Record<MfaStrength, string> = {
  strong: '✓ You are set up with strong MFA.',
  acceptable: 'You are set up with one-time codes. A stronger way to sign in is one step away.',
  weak: '⚠ You only have text message, phone call or email codes, which attackers can intercept or trick you into sharing.',
  none: '⚠ You have no second way to prove it is you yet: a stolen password is all it takes to get into your account.',
};

/** In each strength's colours, the same as on every other card. */
const verdictFor = (strength: MfaStrength): Verdict => ({
  text: VERDICT_TEXTS[strength],
  color: STRENGTH_LOOK[strength].textColor,
  style: STRENGTH_LOOK[strength].containerStyle,
});

const UNAVAILABLE: Verdict = {
  text: "I couldn't check your sign-in methods just now: Microsoft's directory did not answer. Please try again in a minute.",
  color: 'Default',
  style: 'warning',
};

/** The sender's own status, from the live check; the "Check again" button rereads it in place. */
export function ownStatusCard(status: OwnStatus): AdaptiveCard {
  if (status.kind === 'unavailable') {
    return renderCard('own-status', {
      verdict: UNAVAILABLE,
      checked: false,
      methods: '',
      nextStep: '',
      footer: 'You can also look for yourself at https://aka.ms/mysecurityinfo.',
      showSetUp: false,
      verb: VERBS.ownStatusCheck,
    });
  }
  return renderCard('own-status', {
    verdict: verdictFor(status.strength),
    checked: true,
    methods: status.methods.length > 0 ? methodsInWords(status.methods) : 'Nothing yet.',
    nextStep: nextStepText(status.nextStep),
    footer: `Checked live just now (${utcDateTimeText(status.checkedAt)}). Only you can see this.`,
    showSetUp: status.strength !== 'strong',
    verb: VERBS.ownStatusCheck,
  });
}

import type { MfaStrength } from '../../../domain/mfa/mfa-strength';
import type { CheckedStatus, OwnStatus } from '../../../use-cases/check-own-status';
import { renderCard, type AdaptiveCard } from './card-template';
import { utcDateTimeText, utcTimeText } from './freshness-line';
import { methodsInWords, STRENGTH_LOOK, type ContainerStyle, type TextColor } from './strength-label';
import { nextStepText, setUpLinkFor } from './next-step-text';
import { VERBS } from './verbs';

interface Verdict {
  text: string;
  color: TextColor;
  style: ContainerStyle;
}

const VERDICT_TEXTS: Record<MfaStrength, string> = {
  strong: '✓ You are set up with strong MFA.',
  acceptable: 'You are set up with one-time codes. A stronger way to sign in is one step away.',
  weak: '⚠ You only have text message, phone call or email codes, which attackers can intercept or trick you into sharing.',
  none: '⚠ You have no second way to prove it is you yet: a stolen password is all it takes to get into your account.',
};

/** Strong, but the organisation asks for a passkey (NUDGE_TARGET): not done yet, so not in strong's green. */
const PASSKEY_ASKED = 'You are set up with strong MFA, and your organisation now asks for a passkey as well.';

/** An external provider's MFA, or a method this version does not know: MFA all the same, of a strength it cannot judge. */
const MANAGED_ELSEWHERE = 'You are set up with a sign-in method your organisation manages (one MFA Coach cannot judge).';

/**
 * In each strength's colours, the same as on every other card: the container's. Its words stay in the default colour,
 * as coloured words on their own pale colour (red on pale red) fall below WCAG AA on Teams' light theme.
 */
const verdictFor = (strength: MfaStrength, step: CheckedStatus['nextStep']): Verdict => {
  if (strength === 'strong' && step.kind === 'addPasskey')
    return { text: PASSKEY_ASKED, color: 'Default', style: STRENGTH_LOOK.acceptable.containerStyle };
  if (step.kind === 'managedElsewhere') return { text: MANAGED_ELSEWHERE, color: 'Default', style: 'default' };
  return { text: VERDICT_TEXTS[strength], color: 'Default', style: STRENGTH_LOOK[strength].containerStyle };
};

const UNAVAILABLE: Verdict = {
  text: "I couldn't check your sign-in methods just now: Microsoft's directory did not answer. Please try again in a minute.",
  color: 'Default',
  style: 'warning',
};

/** The minute from which a new check is allowed: a time shown to the minute is never before it. */
function retryText(retryAt: Date): string {
  return utcTimeText(new Date(Math.ceil(retryAt.getTime() / 60_000) * 60_000));
}

/**
 * The sender's own status, from the live check; the "Check again" button rereads it in place. Someone who checked
 * several times in a short while sees what the latest check found, and from when they can check again.
 */
export function ownStatusCard(status: OwnStatus): AdaptiveCard {
  const checked = status.kind === 'checked' ? status : status.kind === 'limited' ? status.last : undefined;
  if (!checked) {
    return renderCard('own-status', {
      verdict: status.kind === 'limited' ? limitedVerdict(status.retryAt) : UNAVAILABLE,
      checked: false,
      methods: '',
      nextStep: '',
      footer: 'You can also look for yourself at https://aka.ms/mysecurityinfo.',
      showSetUp: false,
      setUpUrl: '',
      verb: VERBS.ownStatusCheck,
    });
  }
  return renderCard('own-status', {
    verdict: verdictFor(checked.strength, checked.nextStep),
    checked: true,
    methods: checked.methods.length > 0 ? methodsInWords(checked.methods) : 'Nothing yet.',
    nextStep: nextStepText(checked.nextStep),
    footer:
      status.kind === 'limited'
        ? `You've checked a few times in a short while, so this is what I found at ${utcDateTimeText(checked.checkedAt)}. You can check again from ${retryText(status.retryAt)}. Only you can see this.`
        : `Checked live just now (${utcDateTimeText(checked.checkedAt)}). Only you can see this.`,
    // Someone strong has nothing to set up, unless a passkey is asked of them.
    showSetUp: (checked.strength !== 'strong' && checked.nextStep.kind !== 'managedElsewhere') || checked.nextStep.kind === 'addPasskey',
    setUpUrl: setUpLinkFor(checked.nextStep),
    verb: VERBS.ownStatusCheck,
  });
}

/** Over their limit with no result to show (the checks before failed): when to come back. */
function limitedVerdict(retryAt: Date): Verdict {
  return {
    text: `You've checked a few times in a short while, and Microsoft's directory is shared by everyone here, so I'll wait a little before checking again. You can check again from ${retryText(retryAt)}.`,
    color: 'Default',
    style: 'warning',
  };
}

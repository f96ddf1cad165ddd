import type { MethodKind } from '../../../domain/mfa/method-kind';
import type { MfaStrength } from '../../../domain/mfa/mfa-strength';

/**
 * Colours a TextBlock may take: those that read at WCAG AA (4.5:1) on both of Teams' themes, by Teams' published host
 * configs (checked in teams-theme-contrast.test.ts, and on the light theme in the Playground). Good and Warning read at
 * 2.1:1 and 1.5:1 on white; Attention reads at 3.3:1 on the dark theme's card, so bad news is said with a sign (⚠)
 * or a coloured box, whose own words stay dark on both themes.
 */
export const TEXT_COLORS = ['Default', 'Accent'] as const;
export type TextColor = (typeof TEXT_COLORS)[number];
/** Colours a square swatch (■) beside a figure may take, to match the chart: decoration, the word beside it says what it is. */
export type SwatchColor = TextColor | 'Good' | 'Warning' | 'Attention';
/** Colours a Container or Column can take; the same meaning as TextColor, as a background. */
export type ContainerStyle = 'default' | 'emphasis' | 'accent' | 'good' | 'warning' | 'attention';
/** Colours a chart data point can take (Teams chart elements, a subset of their named colours). */
export type ChartColor = 'good' | 'warning' | 'attention' | 'neutral' | 'categoricalBlue';

export interface StrengthLook {
  /** "Strong", as a heading or table cell. */
  label: string;
  /** "strong", mid-sentence ("1,810 strong · 312 no MFA"). */
  inSentence: string;
  /** What it means, in a few words, for people who do not know the policy. */
  meaning: string;
  /** For words: never green, amber or red, too faint to read on one of Teams' themes. */
  textColor: TextColor;
  /** For a coloured square (■) next to a figure, where contrast matters less than matching the chart. */
  swatchColor: SwatchColor;
  containerStyle: ContainerStyle;
  chartColor: ChartColor;
}

/**
 * One look per strength, shared by every card so that "weak" is the same amber in the summary, the lists and the
 * chart. Acceptable is blue, not green: it is fine, but not where we want people to end up.
 */
export const STRENGTH_LOOK: Readonly<Record<MfaStrength, StrengthLook>> = {
  strong: {
    label: 'Strong',
    inSentence: 'strong',
    meaning: 'Authenticator app or phishing-resistant',
    textColor: 'Default',
    swatchColor: 'Good',
    containerStyle: 'good',
    chartColor: 'good',
  },
  acceptable: {
    label: 'Acceptable',
    inSentence: 'acceptable',
    meaning: 'one-time codes',
    textColor: 'Accent',
    swatchColor: 'Accent',
    containerStyle: 'accent',
    chartColor: 'categoricalBlue',
  },
  weak: {
    label: 'Weak',
    inSentence: 'weak',
    meaning: 'SMS, phone call or email only',
    textColor: 'Default',
    swatchColor: 'Warning',
    containerStyle: 'warning',
    chartColor: 'warning',
  },
  none: {
    label: 'No MFA',
    inSentence: 'no MFA',
    meaning: 'no method registered',
    textColor: 'Default',
    swatchColor: 'Attention',
    containerStyle: 'attention',
    chartColor: 'attention',
  },
};

/**
 * Methods as people know them. A Record over every MethodKind: when the domain learns a new method, this stops
 * compiling until someone decides what to call it.
 */
const METHOD_WORDS: Readonly<Record<MethodKind, string>> = {
  authenticatorPush: 'Authenticator app (push)',
  authenticatorPasswordless: 'Authenticator app (passwordless)',
  passkey: 'Passkey',
  syncedPasskey: 'Synced passkey',
  fido2SecurityKey: 'Security key (FIDO2)',
  windowsHelloForBusiness: 'Windows Hello for Business',
  platformCredential: 'Mac sign-in (Platform Credential)',
  certificate: 'Certificate (smart card)',
  softwareOath: 'Code app (one-time codes)',
  hardwareOath: 'Hardware token (one-time codes)',
  externalAuth: "External sign-in method (your organisation's MFA provider)",
  unknownMethod: 'A sign-in method MFA Coach does not know yet',
  sms: 'Text message (SMS)',
  voice: 'Phone call',
  email: 'Email code',
  temporaryAccessPass: 'Temporary Access Pass',
  qrCodePin: 'QR code and PIN (single-factor)',
};

/** The order people should read them in: the strongest first, as METHOD_WORDS lists them. */
const METHOD_ORDER = Object.keys(METHOD_WORDS) as MethodKind[];

export function methodLabel(kind: MethodKind): string {
  return METHOD_WORDS[kind];
}

/** Each method once, in the order people should read them (by the default policy's strength). */
export function methodsInReadingOrder(kinds: readonly MethodKind[]): MethodKind[] {
  return METHOD_ORDER.filter((k) => kinds.includes(k));
}

/** "Authenticator app (push), Text message (SMS)", strongest first, each once; a sentence when there are none. */
export function methodsInWords(kinds: readonly MethodKind[]): string {
  if (kinds.length === 0) return 'No method registered';
  return methodsInReadingOrder(kinds).map(methodLabel).join(', ');
}

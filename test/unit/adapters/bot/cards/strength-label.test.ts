import { METHOD_KINDS } from '../../../../../src/domain/mfa/method-kind';
import { STRENGTHS_STRONGEST_FIRST } from '../../../../../src/domain/mfa/mfa-strength';
import { methodLabel, methodsInWords, STRENGTH_LOOK } from '../../../../../src/adapters/bot/cards/strength-label';

describe('strength and method labels', () => {
  it.each([
    ['authenticatorPush', 'Authenticator app (push)'],
    ['passkey', 'Passkey'],
    ['fido2SecurityKey', 'Security key (FIDO2)'],
    ['windowsHelloForBusiness', 'Windows Hello for Business'],
    ['sms', 'Text message (SMS)'],
    ['voice', 'Phone call'],
  ] as const)('calls %s "%s"', (kind, words) => {
    expect(methodLabel(kind)).toBe(words);
  });

  it('has plain words for every method the domain knows, all different', () => {
    const labels = METHOD_KINDS.map(methodLabel);
    expect(labels.every((l) => l.length > 0 && !/[a-z][A-Z]/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(METHOD_KINDS.length);
  });

  it('lists methods strongest first, each once', () => {
    expect(methodsInWords(['sms', 'authenticatorPush', 'sms'])).toBe('Authenticator app (push), Text message (SMS)');
    expect(methodsInWords([])).toBe('No method registered');
  });

  it('gives every strength a label and colours, and never amber text (unreadable on white)', () => {
    for (const strength of STRENGTHS_STRONGEST_FIRST) {
      const look = STRENGTH_LOOK[strength];
      expect(look.label).not.toBe('');
      expect(['Default', 'Accent']).toContain(look.textColor);
    }
    expect(STRENGTH_LOOK.strong.chartColor).toBe('good');
    expect(STRENGTH_LOOK.none.chartColor).toBe('attention');
  });
});

import type { NextStep } from '../../../domain/mfa/next-step';
import { methodsInWords } from './strength-label';

/** The one next step in words, the same on the status card and on a nudge. */
export function nextStepText(step: NextStep): string {
  switch (step.kind) {
    case 'setUpAuthenticator':
      return 'Install Microsoft Authenticator on your phone and add your work account. It takes about five minutes: press **Set up now**.';
    case 'replaceWeakMethods':
      return `Add Microsoft Authenticator, then keep ${step.weak.length > 0 ? methodsInWords(step.weak) : 'your current method'} only as a fallback.`;
    case 'upgradeFromCodes':
      return 'Switch to Authenticator notifications or add a passkey: you approve a sign-in on your phone instead of typing a code that a fake page could ask for.';
    case 'addBackupStrongMethod':
      return 'Add a second strong method, such as a passkey or a security key, so that a lost or replaced phone does not lock you out.';
    case 'nothing':
      return 'Nothing to do: you have two strong methods. When you change phones, move Authenticator before you wipe the old one.';
  }
}

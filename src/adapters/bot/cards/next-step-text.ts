import type { NextStep } from '../../../domain/mfa/next-step';
import { methodsInWords } from './strength-label';

/** Where "Set up now" opens: Microsoft's Authenticator set-up, or Security info, where any method (passkeys too) is added. */
export const SET_UP_LINKS = {
  authenticator: 'https://aka.ms/mfasetup',
  securityInfo: 'https://aka.ms/mysecurityinfo',
} as const;

/** The three ways to hold a passkey, in an employee's words (synced ones only where the organisation allows them). */
const PASSKEY_WAYS =
  'a passkey in the Microsoft Authenticator app on your phone; a passkey on your own computer or phone (Windows Hello, iCloud Keychain or Google Password Manager, where your organisation allows them); or a security key you plug in or tap';

/** The one next step in words, the same on the status card and on a nudge. */
export function nextStepText(step: NextStep): string {
  switch (step.kind) {
    case 'setUpAuthenticator':
      return step.orPasskey
        ? 'Install Microsoft Authenticator on your phone and add your work account, or add a passkey instead (on your phone or computer, or a security key). Either takes about five minutes: press **Set up now**, then **Add sign-in method**.'
        : 'Install Microsoft Authenticator on your phone and add your work account. It takes about five minutes: press **Set up now**.';
    case 'replaceWeakMethods': {
      const weak = step.weak.length > 0 ? methodsInWords(step.weak) : 'your current method';
      return `Add Microsoft Authenticator${step.orPasskey ? ' or a passkey' : ''}, then keep ${weak} only as a fallback.`;
    }
    case 'upgradeFromCodes':
      return 'Switch to Authenticator notifications or add a passkey: you approve a sign-in on your phone instead of typing a code that a fake page could ask for.';
    case 'managedElsewhere':
      return "Nothing to do here: you sign in with a method MFA Coach cannot judge, such as your organisation's own MFA provider. If you are not sure it still works, ask your IT team.";
    case 'addPasskey':
      return step.hasAuthenticator
        ? `You already have Microsoft Authenticator: now add a passkey, which a fake sign-in page cannot use. The quickest is a passkey in the Authenticator app itself: press **Set up now**, then **Add sign-in method** and **Passkey in Microsoft Authenticator**. A passkey on your computer or phone (Windows Hello, iCloud Keychain or Google Password Manager, where your organisation allows them) or a security key works too.`
        : `Add a passkey to your work account, in one of three ways: ${PASSKEY_WAYS}. Press **Set up now**, then **Add sign-in method** and choose the passkey you want.`;
    case 'addBackupStrongMethod':
      return 'Add a second strong method, such as a passkey or a security key, so that a lost or replaced phone does not lock you out.';
    case 'nothing':
      return 'Nothing to do: you have two strong methods. When you change phones, move Authenticator before you wipe the old one.';
  }
}

/**
 * Where the step's "Set up now" goes: Microsoft's Authenticator set-up for the Authenticator steps (as before there
 * was a choice); Security info for a passkey, or when a passkey is offered beside Authenticator.
 */
export function setUpLinkFor(step: NextStep): string {
  switch (step.kind) {
    case 'setUpAuthenticator':
    case 'replaceWeakMethods':
      return step.orPasskey ? SET_UP_LINKS.securityInfo : SET_UP_LINKS.authenticator;
    case 'upgradeFromCodes':
      return SET_UP_LINKS.authenticator;
    case 'addPasskey':
    case 'addBackupStrongMethod':
    case 'managedElsewhere':
    case 'nothing':
      return SET_UP_LINKS.securityInfo;
  }
}

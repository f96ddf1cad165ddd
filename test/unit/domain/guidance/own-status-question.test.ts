import { isOwnStatusQuestion } from '../../../../src/domain/guidance/own-status-question';

describe('isOwnStatusQuestion', () => {
  it.each([
    'status',
    '/status',
    'STATUS',
    'my status',
    'my mfa',
    'My MFA status',
    'my 2FA',
    'am I set up?',
    'Am I setup',
    'am i all set up',
    'am I enrolled?',
    'am I protected',
    'am I set up for MFA?',
    'do I have MFA?',
    'do i have 2fa set up',
    'is my MFA ok?',
    'is my 2-factor working',
    'check me',
    'check my mfa',
    'what is my mfa status',
    "what's my status",
    'hey, am I set up now?',
    'please check my MFA',
  ])('takes %j for a question about the sender', (text) => {
    expect(isOwnStatusQuestion(text)).toBe(true);
  });

  it.each([
    'what is mfa?',
    'help',
    'how do I set up Authenticator',
    'is Bob set up?',
    'status of bob@contoso.com',
    'user bob',
    'am I set up to receive emails',
    'my phone is lost',
    'posture',
    'scan status',
    '',
    undefined,
  ])('does not take %j for one', (text) => {
    expect(isOwnStatusQuestion(text)).toBe(false);
  });
});

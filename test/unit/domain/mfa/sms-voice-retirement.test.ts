import {
  isPhoneOnly,
  phoneOnlyLine,
  phoneOnlyNudgeReason,
  phoneOnlyListNote,
  smsVoiceCountdown,
  SMS_VOICE_RETIREMENT,
} from '../../../../src/domain/mfa/sms-voice-retirement';

// Every date here is given, never read from the clock: the wording changes on 1 February 2027 itself.
const at = (iso: string) => new Date(iso);

describe('who relies on SMS and voice alone', () => {
  it.each([
    [['sms'], true],
    [['voice'], true],
    [['sms', 'voice'], true],
    [['sms', 'email'], true],
    [['voice', 'temporaryAccessPass'], true],
    // A QR code and PIN is single-factor: a frontline worker with it and SMS still loses their only second factor.
    [['sms', 'qrCodePin'], true],
    [['sms', 'externalAuth'], false],
    [['voice', 'unknownMethod'], false],
    [['sms', 'syncedPasskey'], false],
    [['qrCodePin'], false],
    [['sms', 'authenticatorPush'], false],
    [['voice', 'softwareOath'], false],
    [['sms', 'passkey'], false],
    [['email'], false],
    [[], false],
  ] as const)('%j → %s', (methods, phoneOnly) => {
    expect(isPhoneOnly(methods)).toBe(phoneOnly);
  });
});

describe('the countdown to the end of SMS and voice', () => {
  it('counts whole days before the date, in UTC calendar days', () => {
    expect(smsVoiceCountdown(at('2026-12-04T09:00:00Z'))).toEqual({
      phase: 'before',
      days: 59,
      headline: 'SMS and voice stop on 1 February 2027 (59 days)',
    });
    // Late in the evening is still the same calendar day.
    expect(smsVoiceCountdown(at('2026-12-04T23:59:59Z')).days).toBe(59);
  });

  it('says "1 day" the day before, "today" on the day, and what has happened after it', () => {
    expect(smsVoiceCountdown(at('2027-01-31T23:00:00Z')).headline).toBe('SMS and voice stop on 1 February 2027 (1 day)');
    expect(smsVoiceCountdown(at('2027-02-01T00:00:00Z'))).toEqual({
      phase: 'today',
      days: 0,
      headline: 'SMS and voice stop today, 1 February 2027',
    });
    expect(smsVoiceCountdown(at('2027-02-01T23:59:59Z')).phase).toBe('today');
    const after = smsVoiceCountdown(at('2027-02-02T08:00:00Z'));
    expect(after).toMatchObject({ phase: 'after', days: 1 });
    expect(after.headline).toBe(
      'SMS and voice stopped on 1 February 2027 (1 day ago): people who relied on them must register another method at their next sign-in',
    );
    expect(smsVoiceCountdown(at('2027-03-03T12:00:00Z')).headline).toContain('(30 days ago)');
  });

  it('names the date in one place, with its source', () => {
    expect(SMS_VOICE_RETIREMENT.stopsOn).toBe('2027-02-01');
    expect(SMS_VOICE_RETIREMENT.source).toMatch(/^https:\/\/learn\.microsoft\.com\//);
  });
});

describe('the posture line', () => {
  it('gives the people, their share and the countdown', () => {
    expect(phoneOnlyLine(at('2026-12-04T09:00:00Z'), 312, 7610)).toBe(
      'SMS and voice stop on 1 February 2027 (59 days): 312 people (4.1%) rely on them only',
    );
    expect(phoneOnlyLine(at('2027-02-01T09:00:00Z'), 1, 10)).toBe(
      'SMS and voice stop today, 1 February 2027: 1 person (10%) relies on them only',
    );
  });

  it('after the date, says what happened and who was still on the phone at the last scan', () => {
    expect(phoneOnlyLine(at('2027-02-10T09:00:00Z'), 12, 1200)).toBe(
      'SMS and voice stopped on 1 February 2027 (9 days ago): people who relied on them must register another method at their next sign-in. 12 people (1%) still had only SMS or voice at the last scan',
    );
  });
});

describe("the phone-only list's note", () => {
  it('says what will happen, then what has happened', () => {
    expect(phoneOnlyListNote(at('2027-01-31T23:59:59Z'))).toBe(
      'SMS and voice stop on 1 February 2027 (1 day): then each of them must register another method at their next sign-in, with no way to skip it.',
    );
    expect(phoneOnlyListNote(at('2027-02-01T00:00:00Z'))).toMatch(/^SMS and voice stop today, 1 February 2027: then each of them/);
    expect(phoneOnlyListNote(at('2027-02-02T08:00:00Z'))).toBe(
      'SMS and voice stopped on 1 February 2027 (1 day ago): people who relied on them must register another method at their next sign-in.',
    );
  });
});

describe("the nudge card's reason for someone whose only second step is a phone", () => {
  it('names the date and the days left, then the day itself, then what has happened', () => {
    expect(phoneOnlyNudgeReason(at('2026-12-04T10:00:00Z'))).toMatch(
      /^Microsoft stops checking sign-ins by text message and phone call on 1 February 2027, in 59 days\. After that/,
    );
    expect(phoneOnlyNudgeReason(at('2027-01-31T10:00:00Z'))).toContain('on 1 February 2027, in 1 day.');
    expect(phoneOnlyNudgeReason(at('2027-02-01T10:00:00Z'))).toMatch(/phone call today\. After that/);
    expect(phoneOnlyNudgeReason(at('2027-02-02T10:00:00Z'))).toMatch(/^Since 1 February 2027 Microsoft no longer checks sign-ins/);
  });
});

import { classifyRegistration } from '../../../../../src/domain/mfa/classify-registration';
import { userStatusCard, type UserStatusView } from '../../../../../src/adapters/bot/cards/user-status-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import {
  action,
  allText,
  ESCAPED_MARKDOWN_NAME,
  expectSoundCard,
  MARKDOWN_NAME,
  ofType,
  texts,
  worstText,
  type CardNode,
} from './card-inspect';

const megan: UserStatusView = {
  id: '0b6f-megan',
  displayName: 'Megan Bowen',
  userPrincipalName: 'megan.bowen@contoso.com',
  department: 'Finance',
  jobTitle: 'CFO',
  strength: 'weak',
  methods: ['temporaryAccessPass', 'sms', 'email'],
  isAdmin: true,
  isCriticalAdmin: true,
  userType: 'member',
  accountEnabled: true,
  source: { kind: 'live', checkedAt: new Date('2025-11-23T11:15:00Z') },
};

/** Each method row as "label | strength". */
function methodRows(card: unknown): string[] {
  return ofType(card, 'ColumnSet').map((row) => texts(row).join(' | '));
}

describe('userStatusCard', () => {
  it('is a sound 1.5 card with the person, their strength and each method in plain words, strongest first', () => {
    const card = userStatusCard(megan);
    expectSoundCard(card, 6_000);
    expect(texts(card).slice(0, 3)).toEqual(['Megan Bowen', 'megan\\.bowen@contoso\\.com', 'CFO · Finance']);
    expect(texts(card)).toContain('Weak MFA');
    expect(methodRows(card)).toEqual(['Text message (SMS) | weak', 'Email code | weak', 'Temporary Access Pass | not counted']);
  });

  it('flags an administrator without strong MFA as critical', () => {
    const card = userStatusCard(megan);
    expect(ofType(card, 'TextBlock').find((b) => String(b.text).startsWith('⚠ Critical'))?.color).toBe('Default');
    expect((ofType(card, 'Container')[0] as CardNode).style).toBe('attention');
    const plainAdmin = userStatusCard({ ...megan, strength: 'strong', isCriticalAdmin: false, methods: ['passkey'] });
    expect(texts(plainAdmin)).toContain('Administrator');
    expect(allText(plainAdmin)).not.toContain('Critical');
  });

  it('says guests and disabled accounts are left out of the rates', () => {
    const card = userStatusCard({ ...megan, isAdmin: false, isCriticalAdmin: false, userType: 'guest', accountEnabled: false });
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Guest account: left out of the rates', 'Account disabled: left out of the rates']),
    );
  });

  it("says when Microsoft's report counts registered methods as not MFA-capable, and only from the report", () => {
    const notCapable = "Registered, but not MFA-capable in Microsoft's report: the tenant's policy does not allow these methods for MFA";
    const fromReport = { ...megan, source: { kind: 'report' as const } };
    expect(allText(userStatusCard({ ...fromReport, isMfaRegistered: true, isMfaCapable: false }))).toContain(notCapable);
    expect(allText(userStatusCard({ ...fromReport, isMfaRegistered: true, isMfaCapable: true }))).not.toContain('not MFA-capable');
    expect(allText(userStatusCard({ ...fromReport, isMfaRegistered: false, isMfaCapable: false }))).not.toContain('not MFA-capable');
    // After a live check the report's verdict may be older than the methods shown.
    expect(allText(userStatusCard({ ...megan, isMfaRegistered: true, isMfaCapable: false }))).not.toContain('not MFA-capable');
  });

  it('says "checked live just now" or which report the answer comes from', () => {
    expect(allText(userStatusCard(megan))).toContain('Checked live just now (23 Nov 2025 11:15 UTC).');
    const fromReport = userStatusCard({ ...megan, source: { kind: 'report', reportUpdatedAt: new Date('2025-11-23T08:40:00Z') } });
    expect(allText(fromReport)).toContain('From the report of 23 Nov 2025 08:40 UTC.');
    const failed = userStatusCard({
      ...megan,
      source: { kind: 'report', reportUpdatedAt: new Date('2025-11-23T08:40:00Z'), liveCheckFailed: 'GRAPH-FORBIDDEN' },
    });
    expect(allText(failed)).toContain('the live check failed (GRAPH-FORBIDDEN: Microsoft Graph refused a permission)');
    const busy = userStatusCard({ ...megan, source: { kind: 'report', liveCheckFailed: 'GRAPH-BUSY' } });
    expect(allText(busy)).toContain('(GRAPH-BUSY:');
  });

  it('says plainly when there is no method at all', () => {
    const card = userStatusCard({
      ...megan,
      strength: 'none',
      methods: [],
      isAdmin: false,
      isCriticalAdmin: false,
      department: undefined,
      jobTitle: undefined,
    });
    expect(texts(card)).toContain('No MFA');
    expect(texts(card)).toContain('None: this person signs in with a password alone.');
    expect(texts(card)).toContain('No department');
  });

  it('escapes names and offers a live recheck by user id', () => {
    const card = userStatusCard({ ...megan, displayName: MARKDOWN_NAME, department: MARKDOWN_NAME, jobTitle: undefined });
    expect(texts(card)[0]).toBe(ESCAPED_MARKDOWN_NAME);
    expect(texts(card)[2]).toBe(ESCAPED_MARKDOWN_NAME);
    expect(action(card, 'Check again')).toEqual(expect.objectContaining({ verb: VERBS.postureUserCheck, data: { userId: '0b6f-megan' } }));
  });

  it("rates each method by the tenant's policy", () => {
    const strict = { strong: ['passkey'], acceptable: [], weak: ['sms', 'authenticatorPush'] } as const;
    const card = userStatusCard({
      ...megan,
      methods: ['sms', 'authenticatorPush', 'passkey'],
      strength: 'strong',
      isCriticalAdmin: false,
      policy: strict,
    });
    expect(methodRows(card)).toEqual(['Passkey | strong', 'Authenticator app (push) | weak', 'Text message (SMS) | weak']);
  });

  it('renders a status the domain classified', () => {
    const status = classifyRegistration({
      id: 'u1',
      userPrincipalName: 'lee@contoso.com',
      displayName: 'Lee Gu',
      userType: 'member',
      isAdmin: true,
      isMfaCapable: true,
      isMfaRegistered: true,
      methods: ['softwareOath', 'sms'],
    });
    const card = userStatusCard({ ...status, source: { kind: 'report' } });
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Acceptable MFA', '⚠ Critical: an administrator without strong MFA', 'From the last scan.']),
    );
  });

  it('stays small with the longest names', () => {
    expectSoundCard(
      userStatusCard({
        ...megan,
        displayName: worstText(256),
        userPrincipalName: worstText(113),
        department: worstText(64),
        jobTitle: worstText(128),
      }),
      6_000,
    );
  });

  it('offers a reminder to someone without strong MFA, and none to someone strong, whose press would only refuse', () => {
    expect(action(userStatusCard(megan), 'Send a reminder')).toEqual(
      expect.objectContaining({ verb: VERBS.postureUserNudge, data: { userId: '0b6f-megan' } }),
    );
    const strong = userStatusCard({ ...megan, strength: 'strong', isCriticalAdmin: false, methods: ['passkey'] });
    expect(action(strong, 'Send a reminder')).toBeUndefined();
    expect(action(strong, 'Check again')).toBeDefined();
  });

  it('keeps the list it was opened from in every button, with a way back, and shows what the last press did', () => {
    const from = { list: 'unenrolled' as const, department: 'Finance', offset: 15 };
    const card = userStatusCard({ ...megan, from, notice: 'Sent Megan Bowen a reminder (weak MFA today).' });
    expect(action(card, 'Send a reminder')?.data).toEqual({ userId: '0b6f-megan', from });
    expect(action(card, 'Check again')?.data).toEqual({ userId: '0b6f-megan', from });
    expect(action(card, '◀ Back to the list')).toEqual(expect.objectContaining({ verb: VERBS.postureUsersPage, data: from }));
    expect(texts(card)).toContain('Sent Megan Bowen a reminder (weak MFA today).');
    expect(action(userStatusCard(megan), '◀ Back to the list')).toBeUndefined();
    expect(ofType(userStatusCard(megan), 'Container').filter((c) => c.style === 'emphasis')).toHaveLength(0);
  });
});

import {
  MAX_USER_LIST_PAGE,
  userListCard,
  type UserListRow,
  type UserListView,
} from '../../../../../src/adapters/bot/cards/user-list-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { action, ESCAPED_MARKDOWN_NAME, executeActions, expectSoundCard, MARKDOWN_NAME, ofType, texts, worstText } from './card-inspect';

const freshness = { takenAt: new Date('2025-11-23T10:02:00Z'), reportUpdatedAt: new Date('2025-11-23T08:40:00Z') };

function people(count: number, row: Partial<UserListRow> = {}): UserListRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    displayName: `Person ${i}`,
    userPrincipalName: `person${i}@contoso.com`,
    department: 'Finance',
    strength: 'weak',
    methods: ['sms', 'voice'],
    isCriticalAdmin: false,
    ...row,
  }));
}

const page = (over: Partial<UserListView> = {}): UserListView => ({
  list: 'weak',
  offset: 15,
  total: 312,
  users: people(15),
  pageSize: 15,
  freshness,
  ...over,
});

describe('userListCard', () => {
  it('is a sound 1.5 card that says which slice of how many it shows', () => {
    const card = userListCard(page());
    expectSoundCard(card, 14_000);
    expect(texts(card)[0]).toBe('People with only weak MFA · whole tenant');
    expect(texts(card)).toContain('Showing 16–30 of 312');
    expect(texts(card)).toContain('Scanned 23 Nov 2025 10:02 UTC · report updated 08:40 UTC');
  });

  it('shows each person: name, UPN, department, strength and methods in plain words', () => {
    const card = userListCard(
      page({ users: people(1, { displayName: MARKDOWN_NAME, userPrincipalName: 'ann_lee@contoso.com', isCriticalAdmin: true }) }),
    );
    const text = texts(card);
    expect(text).toContain(ESCAPED_MARKDOWN_NAME);
    expect(text).toContain('ann\\_lee@contoso\\.com · Finance');
    expect(text).toContain('Weak · ⚠ admin');
    expect(text).toContain('Text message (SMS), Phone call');
    expect(ofType(card, 'TextBlock').find((b) => b.text === 'Weak · ⚠ admin')?.color).toBe('Default');
  });

  it('names the phones Entra keeps for each person on the phone-only list, under the note the caller gives', () => {
    const card = userListCard(
      page({
        list: 'phone-only',
        users: [
          ...people(1, { displayName: 'Olga Office', methods: ['voice'], phoneTypes: ['office'] }),
          ...people(1, { displayName: 'Mo Mobile', methods: ['sms', 'voice'], phoneTypes: ['mobile', 'alternateMobile'] }),
        ],
        note: 'SMS and voice stop on 1 February 2027 (58 days): then each of them must register another method.',
      }),
    );

    expect(texts(card)[0]).toBe('People who rely on SMS and voice only · whole tenant');
    expect(texts(card)).toContain('SMS and voice stop on 1 February 2027 (58 days): then each of them must register another method.');
    expect(texts(card).some((t) => t.includes('Phone call · office phone (calls only)'))).toBe(true);
    expect(texts(card).some((t) => t.includes('mobile phone (text messages and calls), alternate mobile phone (calls only)'))).toBe(true);
    expect(texts(userListCard(page({ list: 'phone-only' })))).toContain(
      'Only text messages or phone calls, which Microsoft stops on 1 February 2027.',
    );
  });

  it('does not repeat "no method" next to "No MFA" in the unenrolled list', () => {
    const card = userListCard(page({ list: 'unenrolled', users: people(2, { strength: 'none', methods: [], department: undefined }) }));
    expect(texts(card)[0]).toBe('People with no MFA · whole tenant');
    expect(texts(card)).toContain('person0@contoso\\.com · no department');
    expect(texts(card).filter((t) => t === 'No method registered')).toHaveLength(0);
    expect(texts(card).filter((t) => t === 'No MFA')).toHaveLength(2);
  });

  it('pages with Action.Execute buttons that carry the list, the department and the offset', () => {
    const card = userListCard(page({ list: 'unenrolled', department: 'R&D [Labs]' }));
    expect(action(card, '◀ Previous')).toEqual({
      type: 'Action.Execute',
      title: '◀ Previous',
      verb: VERBS.postureUsersPage,
      data: { list: 'unenrolled', department: 'R&D [Labs]', offset: 0 },
    });
    expect(action(card, 'Next ▶')).toEqual({
      type: 'Action.Execute',
      title: 'Next ▶',
      verb: VERBS.postureUsersPage,
      data: { list: 'unenrolled', department: 'R&D [Labs]', offset: 30 },
    });
    expect(texts(card)[0]).toBe('People with no MFA · R&D \\[Labs\\]');
  });

  it('has no Previous on the first page and no Next on the last, and no department key for the tenant', () => {
    const first = userListCard(page({ offset: 0, total: 35 }));
    expect(executeActions(first).map((a) => a.title)).toEqual(['Next ▶', 'Campaign for these people']);
    expect(action(first, 'Next ▶')?.data).toEqual({ list: 'weak', offset: 15 });

    const last = userListCard(page({ offset: 30, total: 35, users: people(5) }));
    expect(texts(last)).toContain('Showing 31–35 of 35');
    expect(executeActions(last).map((a) => a.title)).toEqual(['◀ Previous', 'Campaign for these people']);
    expect(action(last, '◀ Previous')?.data).toEqual({ list: 'weak', offset: 15 });
  });

  it('says when the list is empty, without buttons', () => {
    const card = userListCard(page({ offset: 0, total: 0, users: [] }));
    expectSoundCard(card);
    expect(texts(card)).toContain('Nobody here: well done.');
    expect(executeActions(card)).toHaveLength(0);
  });

  it('shows at most a full page, and pages on from what it showed', () => {
    const card = userListCard(page({ offset: 0, users: people(50), pageSize: 50 }));
    expect(texts(card)).toContain(`Showing 1–${MAX_USER_LIST_PAGE} of 312`);
    expect(action(card, 'Next ▶')?.data).toEqual({ list: 'weak', offset: MAX_USER_LIST_PAGE });
  });

  it('makes each row a button to the person, carrying their id and the page to come back to', () => {
    const card = userListCard(page({ list: 'unenrolled', department: 'Sales', users: people(2, { strength: 'none', methods: [] }) }));
    const rows = ofType(card, 'ColumnSet');
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.selectAction)).toEqual([
      {
        type: 'Action.Execute',
        title: 'Details',
        verb: VERBS.postureUserCheck,
        data: { userId: '00000000-0000-4000-8000-000000000000', from: { list: 'unenrolled', department: 'Sales', offset: 15 } },
      },
      {
        type: 'Action.Execute',
        title: 'Details',
        verb: VERBS.postureUserCheck,
        data: { userId: '00000000-0000-4000-8000-000000000001', from: { list: 'unenrolled', department: 'Sales', offset: 15 } },
      },
    ]);
    expect(texts(card)).toContain('Choose a person to see their details and send them a reminder.');
  });

  it('offers a campaign for exactly this list, and the department figures when the list is a department', () => {
    const tenant = userListCard(page({ list: 'phone-only' }));
    expect(action(tenant, 'Campaign for these people')).toEqual({
      type: 'Action.Execute',
      title: 'Campaign for these people',
      verb: VERBS.campaignNew,
      data: { audience: { list: 'phone-only' } },
    });
    expect(action(tenant, 'Department figures')).toBeUndefined();

    const sales = userListCard(page({ list: 'unenrolled', department: 'Sales' }));
    expect(action(sales, 'Campaign for these people')?.data).toEqual({ audience: { list: 'unenrolled', department: 'Sales' } });
    expect(action(sales, 'Department figures')).toEqual({
      type: 'Action.Execute',
      title: 'Department figures',
      verb: VERBS.postureSummary,
      data: { department: 'Sales' },
    });
  });

  it('stays well under the size limit at the largest page with the longest names', () => {
    const worst = people(MAX_USER_LIST_PAGE, {
      displayName: worstText(256),
      userPrincipalName: worstText(113),
      department: worstText(64),
      methods: ['sms', 'voice', 'email', 'temporaryAccessPass'],
      isCriticalAdmin: true,
    });
    expectSoundCard(userListCard(page({ department: worstText(64), users: worst })), 22_000);
  });
});

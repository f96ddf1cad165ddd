import { parseSendingHours } from '../../../../../src/domain/nudges/quiet-hours';
import { campaignFormCard, formValuesOf } from '../../../../../src/adapters/bot/cards/campaign-form-card';
import { campaignListCard } from '../../../../../src/adapters/bot/cards/campaign-list-card';
import { campaignStatusCard, durationText } from '../../../../../src/adapters/bot/cards/campaign-status-card';
import { managerSummaryCard, MAX_SUMMARY_ROWS } from '../../../../../src/adapters/bot/cards/manager-summary-card';
import type { Campaign } from '../../../../../src/domain/campaigns/campaign';
import { campaignFunnel } from '../../../../../src/domain/campaigns/campaign-funnel';
import { parseCampaignPlan } from '../../../../../src/domain/campaigns/campaign-plan';
import { campaignPlan } from '../../../../fakes/campaign-plan';
import { allText, executeActions, ofType } from './card-inspect';

const NOW = new Date('2026-12-01T10:00:00Z');
const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  ...campaignPlan({ name: 'Year end [click](https://evil.example)' }),
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  number: 7,
  ownerId: 'm1',
  ownerName: 'Megan',
  status: 'active',
  createdAt: NOW,
  ...over,
});
const funnel = campaignFunnel([
  {
    runId: 'r',
    userId: 'a',
    status: 'sent',
    sentAt: NOW,
    opened: true,
    answered: true,
    snoozed: false,
    enrolledAt: new Date(NOW.getTime() + 90 * 60_000),
  },
  { runId: 'r', userId: 'b', status: 'failed', reason: 'blocked', opened: false, answered: false, snoozed: false },
  { runId: 'r', userId: 'c', status: 'failed', reason: 'blocked', opened: false, answered: false, snoozed: false },
]);
const facts = (card: unknown) =>
  Object.fromEntries(
    allText(card)
      .split('\n')
      .filter((line) => line.includes(': '))
      .map((line) => line.split(/: (.*)/s).slice(0, 2)),
  );

describe('the campaign status card', () => {
  it('shows the funnel with failures by reason, a chart, and a name that cannot inject markdown', () => {
    const card = campaignStatusCard({ campaign: campaign(), total: funnel, runs: [], canChange: true, now: NOW });
    expect(facts(card)).toMatchObject({
      Targeted: '3',
      Delivered: '1',
      Failed: '2 (blocked the bot)',
      Opened: '1',
      'Enrolled after the nudge': '1',
      'Median time to enrol': '1.5 h',
    });
    expect(allText(card)).toContain('Campaign 7 · Year end \\[click\\]\\(https://evil\\.example\\)');
    // People are counted in whole numbers: no axis, whose ticks would read 0.17, 0.33 …; each bar shows its count.
    expect(ofType(card, 'Chart.HorizontalBar')[0]).toMatchObject({
      displayMode: 'AbsoluteNoAxis',
      data: [
        { x: 'Targeted', y: 3 },
        { x: 'Delivered', y: 1 },
        { x: 'Opened', y: 1 },
        { x: 'Enrolled', y: 1 },
      ],
    });
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('shows the latest runs first, and pages to older ones and back', () => {
    // Fourteen weekly runs, oldest first as the report lists them; run n reached n people.
    const runs = Array.from({ length: 14 }, (_, n) => ({
      run: {
        id: `run-${n + 1}`,
        campaignId: campaign().id,
        scheduledFor: new Date(NOW.getTime() + n * 7 * 86_400_000),
        startedAt: NOW,
        status: 'finished' as const,
        targeted: n + 1,
      },
      funnel: { ...funnel, targeted: n + 1 },
    }));
    const page = (runsPage?: number) =>
      campaignStatusCard({
        campaign: campaign(),
        total: funnel,
        runs,
        canChange: false,
        now: NOW,
        ...(runsPage === undefined ? {} : { runsPage }),
      });
    const targetedColumn = (card: ReturnType<typeof page>) =>
      ofType(card, 'TableRow')
        .slice(1)
        .map((row) => allText(row).split('\n')[1]);
    const paging = (card: ReturnType<typeof page>) =>
      executeActions(card)
        .filter((a) => a.verb === 'campaign.status')
        .map((a) => `${a.title} ${(a.data as { runsPage: number }).runsPage}`);

    expect(targetedColumn(page())).toEqual(['14', '13', '12', '11', '10', '9']);
    expect(allText(page())).toContain('Runs 1–6 of 14, newest first.');
    expect(paging(page())).toEqual(['Refresh 0', 'Older runs 1']);
    expect(targetedColumn(page(1))).toEqual(['8', '7', '6', '5', '4', '3']);
    expect(paging(page(1))).toEqual(['Refresh 1', 'Older runs 2', 'Newer runs 0']);
    expect(targetedColumn(page(2))).toEqual(['2', '1']);
    expect(allText(page(2))).toContain('Runs 13–14 of 14, newest first.');
    expect(paging(page(2))).toEqual(['Refresh 2', 'Newer runs 1']);
    // A page past the last (the campaign lost runs since, or the data was typed by hand) shows the last.
    expect(targetedColumn(page(9))).toEqual(['2', '1']);
  });

  it('reads "start now" as such, and a date picked by hand as a date', () => {
    const once = { kind: 'once', date: '2026-12-01', time: '10:00', timeZone: 'UTC' } as const;
    const now = campaignStatusCard({
      campaign: campaign({ schedule: once, createdAt: NOW }),
      total: funnel,
      runs: [],
      canChange: true,
      now: NOW,
    });
    expect(facts(now).Schedule).toBe('Started when it was created (2026-12-01 at 10:00, UTC)');
    const picked = campaignStatusCard({
      campaign: campaign({ schedule: once, createdAt: new Date('2026-11-28T09:00:00Z') }),
      total: funnel,
      runs: [],
      canChange: true,
      now: NOW,
    });
    expect(facts(picked).Schedule).toBe('Once, 2026-12-01 at 10:00 (UTC)');
  });

  it('says why people wait and when each will be reached, counted by reason, names escaped', () => {
    const waiting = campaignFunnel([
      ...['w1', 'w2'].map((userId, i) => ({
        runId: 'r',
        userId,
        status: 'pending' as const,
        reason: 'sendingHours',
        dueAt: new Date(NOW.getTime() + (i + 1) * 3_600_000),
        displayName: i === 0 ? 'Wendy *Bold*' : 'Walt',
        opened: false,
        answered: false,
        snoozed: false,
      })),
      {
        runId: 'r',
        userId: 'c1',
        status: 'pending',
        reason: 'frequencyCap',
        dueAt: new Date('2026-12-03T08:00:00Z'),
        opened: false,
        answered: false,
        snoozed: false,
      },
    ]);
    const card = campaignStatusCard({ campaign: campaign(), total: waiting, runs: [], canChange: true, now: NOW });
    expect(facts(card)).toMatchObject({
      Waiting:
        '3: 2 until their delivery window opens (the first at 1 Dec 2026 11:00 UTC); 1 held by the frequency cap, having had a nudge lately (the first free at 3 Dec 2026 08:00 UTC)',
      '· Wendy \\*Bold\\*': 'their delivery window opens 1 Dec 2026 11:00 UTC',
      '· Walt': 'their delivery window opens 1 Dec 2026 12:00 UTC',
      '· someone who left the directory': 'the frequency cap lets the next nudge go 3 Dec 2026 08:00 UTC',
    });
  });

  it('says how many managers were told, about how many people, when the campaign escalates', () => {
    const escalations = { managers: 2, people: 5, failedManagers: 1 };
    const escalating = campaignStatusCard({
      campaign: campaign({ escalateAfter: 2 }),
      total: funnel,
      runs: [],
      escalations,
      canChange: true,
      now: NOW,
    });
    expect(facts(escalating)['Managers told']).toBe('2 (about 5 people); 1 could not be reached');
    const plain = campaignStatusCard({
      campaign: campaign({ escalateAfter: undefined }),
      total: funnel,
      runs: [],
      escalations,
      canChange: true,
      now: NOW,
    });
    expect(facts(plain)).not.toHaveProperty(['Managers told']);
    expect(facts(plain).Escalation).toBe('off');
  });

  it('lists several failure reasons, each with its count', () => {
    const mixed = { ...funnel, failed: 3, failedBy: { blocked: 2, notInstallable: 1 } };
    expect(facts(campaignStatusCard({ campaign: campaign(), total: mixed, runs: [], canChange: false, now: NOW })).Failed).toBe(
      '3: 2 blocked the bot, 1 app could not be installed for them',
    );
  });

  it.each([
    ['active', true, ['Refresh', 'Pause', 'Cancel campaign']],
    ['paused', true, ['Refresh', 'Resume', 'Cancel campaign']],
    ['cancelled', true, ['Refresh']],
    ['finished', true, ['Refresh']],
    ['active', false, ['Refresh']],
  ] as const)("offers a %s campaign's changes only to managers (manager: %s)", (status, canChange, titles) => {
    const card = campaignStatusCard({ campaign: campaign({ status }), total: funnel, runs: [], canChange, now: NOW });
    const actions = executeActions(card);
    expect(actions.map((a) => a.title)).toEqual(titles);
    for (const action of actions) expect(action.data.campaignId).toBe(campaign().id);
  });

  it('draws no chart before anyone was targeted', () => {
    const card = campaignStatusCard({ campaign: campaign(), total: campaignFunnel([]), runs: [], canChange: true, now: NOW });
    expect(ofType(card, 'Chart.HorizontalBar')).toEqual([]);
  });

  it('says durations in words a person reads at a glance', () => {
    expect([0.5, 12.4, 150, 4320].map(durationText)).toEqual(['under a minute', '12 min', '2.5 h', '3.0 days']);
  });
});

describe('the campaign form', () => {
  it('fills every field, so no template placeholder ever shows, and keeps what was typed with the problems', () => {
    const card = campaignFormCard({ values: { name: 'Mine', timeZone: 'Asia/Tokyo' }, problems: ['Give the campaign a name.'] });
    const json = JSON.stringify(card);
    expect(json).not.toContain('${');
    // Problems may quote what was typed: escaped like any text from a person.
    expect(allText(card)).toContain('Give the campaign a name\\.');
    expect(ofType(card, 'Input.Text').find((i) => i.id === 'timeZone')).toMatchObject({ value: 'Asia/Tokyo' });
    expect(executeActions(card)[0]).toMatchObject({ verb: 'campaign.create' });
  });

  it("starts the delivery window at the bot's own sending hours, and keeps a window typed or copied", () => {
    const window = (card: unknown) => ofType(card, 'Input.Text').find((i) => i.id === 'window')?.value;
    expect(window(campaignFormCard({ defaultWindow: parseSendingHours('always') }))).toBe('always');
    expect(window(campaignFormCard({ defaultWindow: parseSendingHours('08-18 Mon,Wed') }))).toBe('08:00-18:00 Mon,Wed');
    expect(window(campaignFormCard())).toBe('09:00-17:00 Mon-Fri');
    expect(window(campaignFormCard({ defaultWindow: parseSendingHours('always'), values: { window: '10-12 Fri' } }))).toBe('10-12 Fri');
  });

  it('offers the departments the scan knows as choices, keeping those chosen, and a typed field when it cannot', () => {
    const field = (card: unknown) =>
      [...ofType(card, 'Input.ChoiceSet'), ...ofType(card, 'Input.Text')].filter((i) => i.id === 'departments');
    const chosen = campaignFormCard({ departments: ['Finance', 'Sales'], values: { departments: 'Sales' } });
    expect(field(chosen)).toEqual([
      expect.objectContaining({
        type: 'Input.ChoiceSet',
        isMultiSelect: true,
        value: 'Sales',
        choices: [
          { title: 'Finance', value: 'Finance' },
          { title: 'Sales', value: 'Sales' },
        ],
      }),
    ]);
    expect(JSON.stringify(chosen)).not.toContain('${');
    // No scan yet, a name a comma would split, or more than a card should hold: typed, and checked when sent.
    for (const departments of [[], ['Sales, EMEA', 'Finance'], Array.from({ length: 101 }, (_, i) => `D${i}`)])
      expect(field(campaignFormCard({ departments })).map((i) => i.type)).toEqual(['Input.Text']);
  });

  it('starts an SMTP campaign form with words about the owners card, not the MFA reminder', () => {
    expect(allText(campaignFormCard({ values: { gaps: 'smtpPassword' } }))).toContain(
      'the card about their accounts that send mail with a password',
    );
    expect(allText(campaignFormCard())).toContain('gets the MFA reminder card');
  });

  it('offers each preset as a button that asks for a form filled from it, and none when there is none', () => {
    const card = campaignFormCard({ presets: [{ key: 'beforeSmsVoiceStop', title: 'Before SMS and voice stop' }] });
    expect(JSON.stringify(card)).not.toContain('${');
    const presetButtons = ofType(card, 'ActionSet').flatMap((set) => set.actions as Record<string, unknown>[]);
    expect(presetButtons).toHaveLength(1);
    expect(presetButtons[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'campaign.new',
      title: 'Start from: Before SMS and voice stop',
      data: { preset: 'beforeSmsVoiceStop' },
      // Clients check and send every input with a button unless told otherwise: the empty required name would block it.
      associatedInputs: 'none',
    });
    expect(ofType(card, 'Input.ChoiceSet').find((i) => i.id === 'gaps')).toMatchObject({
      choices: expect.arrayContaining([{ title: 'Only SMS or voice (ending 1 February 2027)', value: 'phoneOnly' }]),
    });
    expect(ofType(campaignFormCard(), 'ActionSet')).toEqual([]);
  });

  it('copies a campaign into values that read back as the same plan', () => {
    const original = campaign({
      ...campaignPlan({
        audience: { gaps: 'weak', scope: { kind: 'departments', departments: ['Finance', 'Sales'] }, excluded: ['ceo@contoso.example'] },
        target: 'passkey',
        schedule: {
          kind: 'recurring',
          weekdays: [1, 3],
          time: '10:30',
          timeZone: 'Europe/Paris',
          startDate: '2026-12-07',
          endDate: '2026-12-20',
        },
        window: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] },
        deadline: '2026-12-31',
        maxNudgesPerPerson: 4,
        escalateAfter: 2,
      }),
    });
    const parsed = parseCampaignPlan(formValuesOf(original), NOW);
    if (!('plan' in parsed)) throw new Error(parsed.problems.join(' '));
    const { name, ...plan } = parsed.plan;
    expect(name).toBe(`Copy of ${original.name}`);
    const { id: _id, number: _n, ownerId: _o, ownerName: _on, status: _s, createdAt: _c, name: _name, ...rest } = original;
    expect(plan).toEqual(rest);
  });

  it('asks what to ask for, starting at the setting, and keeps a choice sent back with problems', () => {
    const choice = (card: unknown) => ofType(card, 'Input.ChoiceSet').find((i) => i.id === 'target');
    expect(choice(campaignFormCard())).toMatchObject({
      label: 'What to ask for (MFA reminders)',
      value: 'authenticator',
      choices: [
        { title: 'Microsoft Authenticator', value: 'authenticator' },
        { title: 'A passkey (in Microsoft Authenticator, on their computer or phone, or a security key)', value: 'passkey' },
        { title: 'Either: Microsoft Authenticator or a passkey', value: 'either' },
      ],
    });
    expect(choice(campaignFormCard({ defaultTarget: 'passkey' }))).toMatchObject({ value: 'passkey' });
    expect(choice(campaignFormCard({ defaultTarget: 'passkey', values: { target: 'either' } }))).toMatchObject({ value: 'either' });
    expect(ofType(campaignFormCard(), 'Input.ChoiceSet').find((i) => i.id === 'gaps')).toMatchObject({
      choices: expect.arrayContaining([{ title: 'Everyone without what this campaign asks for', value: 'missingTarget' }]),
    });
    // A campaign from before the choice is copied with the setting's.
    const { target: _target, ...old } = campaign();
    expect(choice(campaignFormCard({ values: formValuesOf(old), defaultTarget: 'either' }))).toMatchObject({ value: 'either' });
  });
});

describe('the campaign plan', () => {
  it('says what a campaign asks for, and that one from before the choice follows the setting', () => {
    const asksFor = (over: Partial<Campaign>) =>
      facts(campaignStatusCard({ campaign: campaign(over), total: funnel, runs: [], canChange: false, now: NOW }))['Asks for'];
    expect(asksFor({ target: 'passkey' })).toBe('A passkey: in Microsoft Authenticator, on their computer or phone, or a security key');
    expect(asksFor({ target: 'either' })).toBe('Microsoft Authenticator or a passkey');
    expect(asksFor({ target: 'authenticator' })).toBe('Microsoft Authenticator (a passkey they already have counts too)');
    expect(asksFor({})).toBe('What the bot asks for by default (NUDGE_TARGET)');
    expect(
      facts(
        campaignStatusCard({
          campaign: campaign({ audience: { gaps: 'missingTarget', scope: { kind: 'all' }, excluded: [] }, target: 'passkey' }),
          total: funnel,
          runs: [],
          canChange: false,
          now: NOW,
        }),
      ).Audience,
    ).toBe('Everyone without what this campaign asks for, among everyone');
  });
});

describe('the campaign list', () => {
  it('lists each campaign with its state and funnel, and the create button for managers only', () => {
    const view = { campaigns: [{ campaign: campaign({ status: 'paused' }), total: funnel }] };
    const forManager = campaignListCard({ ...view, canCreate: true });
    expect(allText(forManager)).toContain('Paused · 3 targeted · 1 delivered · 1 enrolled');
    expect(JSON.stringify(forManager)).toContain('New campaign');
    expect(JSON.stringify(campaignListCard({ ...view, canCreate: false }))).not.toContain('New campaign');
  });
});

describe("a manager's summary card", () => {
  it('lists their reports, counts what does not fit, and says why they get it', () => {
    const reports = Array.from({ length: MAX_SUMMARY_ROWS + 3 }, (_, i) => ({
      userId: `u${i}`,
      displayName: `Person ${String(i).padStart(2, '0')}`,
      userPrincipalName: `p${i}@contoso.example`,
      unansweredNudges: 2,
    }));
    const card = managerSummaryCard({ managerId: 'boss', campaignName: 'Year end', deadline: '2026-12-31', reports });
    const text = allText(card);
    expect(text).toContain(`${MAX_SUMMARY_ROWS + 3} of your team have not set up MFA yet`);
    expect(text).toContain('And 3 more.');
    expect(text).toContain('by 2026-12-31');
    expect(text).toContain('only your direct reports');
    expect(ofType(card, 'TableRow')).toHaveLength(MAX_SUMMARY_ROWS + 1);
  });
});

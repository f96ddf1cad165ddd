import { postureChange, postureFigures } from '../../../../../src/domain/mfa/posture-figures';
import { postureSummaryCard, type PostureSummaryView } from '../../../../../src/adapters/bot/cards/posture-summary-card';
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

const freshness = { takenAt: new Date('2025-11-23T10:02:00Z'), reportUpdatedAt: new Date('2025-11-23T08:40:00Z') };
const counts = { strong: 1810, acceptable: 240, weak: 610, none: 312 };

const tenant: PostureSummaryView = {
  figures: {
    counted: 2972,
    excluded: 57,
    strongPercent: 60.9,
    anyMfaPercent: 89.5,
    weakOnlyPercent: 20.5,
    withNothing: 312,
    criticalAdmins: 3,
  },
  change: { strongPoints: 3.14, anyMfaPoints: 1.2, weakOnlyPoints: -2.5 },
  previousTakenAt: new Date('2025-11-22T10:00:00Z'),
  counts,
  freshness,
};

describe('postureSummaryCard', () => {
  it('is a sound 1.5 card titled with its scope, with the figures', () => {
    const card = postureSummaryCard(tenant);
    expectSoundCard(card, 8_000);
    const text = allText(card);
    expect(texts(card)[0]).toBe('MFA posture · whole tenant');
    expect(text).toContain('2,972 people counted · 57 guests and disabled accounts left out');
    for (const figure of ['60.9%', '89.5%', '20.5%', '312']) expect(texts(card)).toContain(figure);
    for (const label of ['strong MFA', 'any MFA', 'weak only', 'people with no MFA']) expect(texts(card)).toContain(label);
  });

  it('shows the change since the previous scan in points, weak-only falling as good news', () => {
    const blocks = ofType(postureSummaryCard(tenant), 'TextBlock');
    expect(blocks.find((b) => b.text === '▲ 3.1 pts')?.color).toBe('Default');
    expect(blocks.find((b) => b.text === '▲ 1.2 pts')).toBeDefined();
    expect(blocks.find((b) => b.text === '▼ 2.5 pts')?.color).toBe('Default');
    expect(allText(postureSummaryCard(tenant))).toContain('Changes since the previous scan (22 Nov 2025), in percentage points.');
    expect(allText(postureSummaryCard({ ...tenant, previousTakenAt: undefined }))).toContain(
      'Changes since the previous scan, in percentage points.',
    );
  });

  it('says "first scan" when there is nothing to compare with', () => {
    const card = postureSummaryCard({ ...tenant, change: undefined });
    expect(allText(card)).toContain('First scan');
    expect(allText(card)).not.toMatch(/[▲▼]/);
  });

  it('highlights admins without strong MFA as critical, and only then', () => {
    const critical = ofType(postureSummaryCard(tenant), 'Container').find((c) => allText(c).includes('Critical'));
    expect(critical?.style).toBe('attention');
    expect(allText(critical)).toContain('3 admins have no strong MFA');

    const calm = postureSummaryCard({ ...tenant, figures: { ...tenant.figures, criticalAdmins: 0 } });
    expect(allText(calm)).toContain('Every admin has strong MFA');
    expect(ofType(calm, 'Container').some((c) => c.style === 'attention')).toBe(false);
  });

  it("lists the tenant's registered methods strongest first, with people and share, leaving out methods nobody has", () => {
    const card = postureSummaryCard({ ...tenant, byMethod: { sms: 700, authenticatorPush: 1500, passkey: 0, softwareOath: 240 } });
    const [facts] = ofType(card, 'FactSet');
    expect(facts!.facts).toEqual([
      { title: 'Authenticator app (push)', value: '1,500 people · 50.5%' },
      { title: 'Code app (one-time codes)', value: '240 people · 8.1%' },
      { title: 'Text message (SMS)', value: '700 people · 23.6%' },
    ]);
    expect(texts(card)).toContain('Methods registered');
    // A department's card has no per-method figures, and says nothing about methods.
    expect(ofType(postureSummaryCard(tenant), 'FactSet')).toEqual([]);
    expect(texts(postureSummaryCard(tenant))).not.toContain('Methods registered');
  });

  it("shows Microsoft's own totals as a cross-check when the scan read them, and nothing otherwise", () => {
    const card = postureSummaryCard({
      ...tenant,
      directoryTotals: { totalUsers: 3029, mfaCapable: 2650, passwordlessCapable: 410, ssprRegistered: 2800 },
    });
    expect(texts(card)).toContain("Microsoft's own count, guests included: 2,650 of 3,029 users MFA-capable, 410 passwordless-capable.");
    expect(allText(postureSummaryCard(tenant))).not.toContain("Microsoft's own count");
  });

  it("shows the domain's readiness lines under the admins line, coloured by their tone, and nothing when there are none", () => {
    const card = postureSummaryCard({
      ...tenant,
      readiness: [
        { text: 'SMS and voice stop on 1 February 2027 (58 days): 41 people (1.4%) rely on them only', tone: 'warning' },
        { text: 'Phishing-resistant MFA: 82 people (2.8%); every admin has it (4)', tone: 'neutral' },
      ],
    });
    const lines = (card.body as CardNode[]).flatMap((node) => (node.type === 'Container' ? ((node.items as CardNode[]) ?? []) : []));
    // A warning is a sign in readable text, not yellow words on a light card.
    const phone = lines.find((n) => String(n.text).startsWith('⚠ SMS and voice stop'));
    expect(phone?.color).toBe('Default');
    expect(lines.find((n) => String(n.text).startsWith('Phishing-resistant'))?.color).toBe('Default');
    const order = texts(card);
    expect(order.findIndex((t) => t.startsWith('⚠ SMS and voice'))).toBeGreaterThan(order.findIndex((t) => t.includes('no strong MFA')));
    expect(allText(postureSummaryCard(tenant))).not.toContain('SMS and voice');
  });

  it('carries the freshness line', () => {
    expect(texts(postureSummaryCard(tenant))).toContain('Scanned 23 Nov 2025 10:02 UTC · report updated 08:40 UTC');
  });

  it('draws a donut of the four strengths, with a plain bar as fallback for clients without charts', () => {
    const card = postureSummaryCard(tenant);
    const [donut] = ofType(card, 'Chart.Donut');
    expect(donut!.data).toEqual([
      { legend: 'Strong', value: 1810, color: 'good' },
      { legend: 'Acceptable', value: 240, color: 'categoricalBlue' },
      { legend: 'Weak', value: 610, color: 'warning' },
      { legend: 'No MFA', value: 312, color: 'attention' },
    ]);
    const fallback = donut!.fallback as CardNode;
    expect(fallback.type).toBe('Container');
    const bar = ofType(fallback, 'Column');
    expect(bar.map((c) => [c.style, c.width])).toEqual([
      ['good', 61],
      ['accent', 8],
      ['warning', 21],
      ['attention', 10],
    ]);
    // The people per strength are in words outside the chart, so every client shows them.
    expect(allText(card)).toContain('1,810 strong');
    expect(allText(card)).toContain('312 no MFA');
  });

  it('draws the shares from the rates when the counts are not given', () => {
    const card = postureSummaryCard({ ...tenant, counts: undefined });
    expect(ofType(card, 'Chart.Donut')[0]!.data).toEqual([
      { legend: 'Strong', value: 60.9, color: 'good' },
      { legend: 'Acceptable', value: 8.1, color: 'categoricalBlue' },
      { legend: 'Weak', value: 20.5, color: 'warning' },
      { legend: 'No MFA', value: 10.5, color: 'attention' },
    ]);
    expect(allText(card)).toContain('8.1% acceptable');
  });

  it('has no chart when nobody is counted', () => {
    const nobody = { counted: 0, excluded: 3, strongPercent: 0, anyMfaPercent: 0, weakOnlyPercent: 0, withNothing: 0, criticalAdmins: 0 };
    const card = postureSummaryCard({ ...tenant, figures: nobody, counts: { strong: 0, acceptable: 0, weak: 0, none: 0 } });
    expectSoundCard(card);
    expect(ofType(card, 'Chart.Donut')).toHaveLength(0);
    expect(action(card, 'Who has no MFA')).toBeUndefined();
    expect(ofType(postureSummaryCard({ ...tenant, figures: nobody, counts: undefined }), 'Chart.Donut')).toHaveLength(0);
  });

  it('names the department, escaped, and passes it on in the buttons', () => {
    const card = postureSummaryCard({ ...tenant, department: MARKDOWN_NAME });
    expect(texts(card)[0]).toBe(`MFA posture · ${ESCAPED_MARKDOWN_NAME}`);
    expect(action(card, 'By department')).toBeUndefined();
    expect(action(card, 'Who has no MFA')).toEqual(
      expect.objectContaining({
        verb: VERBS.postureUsersPage,
        data: { list: 'unenrolled', department: MARKDOWN_NAME, offset: 0 },
      }),
    );
    // The trend is the tenant's: a department's card does not offer it.
    expect(action(card, 'Trend')).toBeUndefined();
  });

  it('offers the department table, the trend and the unenrolled list for the tenant', () => {
    const card = postureSummaryCard(tenant);
    expect(action(card, 'By department')).toEqual(expect.objectContaining({ verb: VERBS.postureDepartments, data: {} }));
    expect(action(card, 'Trend')).toEqual(expect.objectContaining({ verb: VERBS.postureTrend, data: {} }));
    expect(action(card, 'Who has no MFA')?.data).toEqual({ list: 'unenrolled', offset: 0 });
  });

  it("renders the domain's own figures and change", () => {
    const now = { ...counts, criticalAdmins: 1, excluded: 0 };
    const before = { strong: 1700, acceptable: 240, weak: 700, none: 332, criticalAdmins: 2, excluded: 0 };
    const card = postureSummaryCard({ figures: postureFigures(now), change: postureChange(now, before), counts: now, freshness });
    expect(texts(card)).toEqual(expect.arrayContaining(['60.9%', '▲ 3.7 pts', '⚠ Critical: 1 admin has no strong MFA']));
  });

  it('stays small with the longest department name and huge counts', () => {
    const huge = 9_999_999;
    const figures = { ...tenant.figures, counted: huge, excluded: huge, withNothing: huge, criticalAdmins: huge };
    expectSoundCard(
      postureSummaryCard({
        ...tenant,
        department: worstText(256),
        figures,
        counts: { strong: huge, acceptable: huge, weak: huge, none: huge },
      }),
      8_000,
    );
  });
});

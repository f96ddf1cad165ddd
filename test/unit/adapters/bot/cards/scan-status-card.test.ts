import { scanStatusCard } from '../../../../../src/adapters/bot/cards/scan-status-card';
import { VERBS } from '../../../../../src/adapters/bot/cards/verbs';
import { action, allText, executeActions, expectSoundCard, MARKDOWN_NAME, ofType, texts } from './card-inspect';

const startedAt = new Date('2025-11-23T10:02:00Z');
type Figures = Omit<Extract<Parameters<typeof scanStatusCard>[0], { state: 'finished' }>, 'state' | 'startedAt' | 'finishedAt'>;
/** The card of a scan that finished `seconds` after it started, with these figures. */
const finished = (seconds: number, figures: Figures) =>
  scanStatusCard({ state: 'finished', startedAt, finishedAt: new Date(startedAt.getTime() + seconds * 1000), ...figures });

describe('scanStatusCard', () => {
  it('says a scan started, and where the result will come', () => {
    const card = scanStatusCard({ state: 'started', startedAt, willPostResult: true });
    expectSoundCard(card, 3_000);
    expect(texts(card)[0]).toBe('Scan started');
    expect(allText(card)).toContain('started 10:02 UTC');
    expect(allText(card)).toContain("I'll post the result here.");
    expect(allText(scanStatusCard({ state: 'started', startedAt, willPostResult: false }))).toContain('Ask for "posture" in a few minutes');
  });

  it('tells a second asker that a scan is running, since when and who started it (escaped)', () => {
    const card = scanStatusCard({ state: 'running', startedAt, startedBy: MARKDOWN_NAME, usersRead: 12000 });
    expectSoundCard(card, 3_000);
    expect(texts(card)[0]).toBe('A scan is already running');
    expect(allText(card)).toContain('since 23 Nov 2025 10:02 UTC, started by \\[click\\]');
    expect(allText(card)).toContain('Read so far: 12,000 people');
    expect(allText(scanStatusCard({ state: 'running', startedAt }))).toContain('started by the schedule');
    expect(ofType(scanStatusCard({ state: 'running', startedAt }), 'FactSet')).toHaveLength(0);
  });

  it('sums up a finished scan with its figures and offers the summary', () => {
    const card = finished(754, {
      users: 3029,
      counted: 2972,
      strongPercent: 60.9,
      anyMfaPercent: 89.5,
      criticalAdmins: 3,
      strongChangePoints: 3.1,
      reportUpdatedAt: new Date('2025-11-23T08:40:00Z'),
    });
    expectSoundCard(card, 3_000);
    expect(texts(card)).toEqual(
      expect.arrayContaining([
        'Scan finished',
        'Read 3,029 people in 12 min 34 s.',
        'Strong MFA: 60.9% (▲ 3.1 pts)',
        'Any MFA: 89.5%',
        'Admins without strong MFA: ⚠ 3',
        'Counted in rates: 2,972 of 3,029',
        'Finished 23 Nov 2025 10:14 UTC · report updated 23 Nov 2025 08:40 UTC',
      ]),
    );
    expect(action(card, 'Show the summary')?.verb).toBe(VERBS.postureSummary);
  });

  it('says "first scan" when there is no previous one', () => {
    const card = finished(20, { users: 10, counted: 10, strongPercent: 50, anyMfaPercent: 80, criticalAdmins: 0 });
    expect(texts(card)).toEqual(
      expect.arrayContaining(['Read 10 people in 20 s.', 'Strong MFA: 50% (first scan)', 'Admins without strong MFA: none']),
    );
  });

  it('says a failed scan stopped, why, and that the old figures stand', () => {
    const card = scanStatusCard({
      state: 'failed',
      startedAt,
      failedAt: new Date(startedAt.getTime() + 60_000),
      reason: 'Graph refused the report.',
    });
    expectSoundCard(card, 3_000);
    expect(ofType(card, 'TextBlock')[0]).toEqual(expect.objectContaining({ text: 'The scan stopped', color: 'Default' }));
    expect(allText(card)).toContain('Graph refused the report\\. The figures from the previous scan still stand');
    expect(executeActions(card)).toHaveLength(0);
  });
});

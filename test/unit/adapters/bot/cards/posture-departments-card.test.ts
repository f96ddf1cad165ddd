import { rankDepartments } from '../../../../../src/domain/mfa/department-ranking';
import {
  DEPARTMENT_IN_BUTTON_MAX,
  MAX_DEPARTMENT_ROWS,
  postureDepartmentsCard,
  type DepartmentRowView,
} from '../../../../../src/adapters/bot/cards/posture-departments-card';
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

function row(kind: DepartmentRowView['kind'], name: string, counted: number, strong: number, departments = 1): DepartmentRowView {
  return { kind, name, departments, counts: { strong }, figures: { counted, strongPercent: Math.round((1000 * strong) / counted) / 10 } };
}

const rows: DepartmentRowView[] = [
  row('unassigned', '', 150, 45),
  row('department', 'Sales', 812, 335),
  row('department', MARKDOWN_NAME, 905, 870),
  row('other', 'Other', 17, 9, 6),
];

/** Each table row's cell texts, header first. */
function table(card: unknown): string[][] {
  const [tableElement] = ofType(card, 'Table');
  return ((tableElement?.rows as CardNode[]) ?? []).map((r) => (r.cells as CardNode[]).map((cell) => allText(cell)));
}

describe('postureDepartmentsCard', () => {
  it('is a sound 1.5 card with a ranked table: name, people, % strong, gap', () => {
    const card = postureDepartmentsCard({ ranking: { rows }, minimumSize: 5, freshness });
    expectSoundCard(card, 6_000);
    expect(table(card)).toEqual([
      ['Department', 'People', 'Strong', 'Gap'],
      ['_No department_', '150', '⚠ 30%', '105'],
      ['Sales', '812', '⚠ 41.3%', '477'],
      [ESCAPED_MARKDOWN_NAME, '905', '96.1%', '35'],
      ['_Other (6 small departments)_', '17', '52.9%', '8'],
    ]);
    expect(allText(card)).toContain('the lowest share with strong MFA first');
    expect(allText(card)).toContain('Gap: people without strong MFA.');
    expect(allText(card)).toContain('fewer than 5 people are merged into "Other", so no one is singled out');
    expect(texts(card)).toContain('Scanned 23 Nov 2025 10:02 UTC · report updated 08:40 UTC');
    expect(action(card, 'Tenant summary')?.verb).toBe(VERBS.postureSummary);
  });

  it('marks % strong under half with a sign, in the default colour like the rest (no other reads on both of Teams themes)', () => {
    const cells = ofType(postureDepartmentsCard({ ranking: { rows }, minimumSize: 5, freshness }), 'TextBlock');
    expect(cells.find((c) => c.text === '⚠ 30%')).toBeDefined();
    expect(cells.find((c) => c.text === '52.9%')).toBeDefined();
    // Only the department names that are buttons take the accent colour (it reads at AA on both themes).
    expect(cells.filter((c) => c.color !== undefined && c.color !== 'Default').map((c) => c.color)).toEqual(['Accent', 'Accent']);
  });

  it('does not mention "Other" when no department was merged, and explains withheld ones', () => {
    const card = postureDepartmentsCard({
      ranking: { rows: rows.slice(0, 3), withheld: { departments: 2, people: 3 } },
      minimumSize: 5,
      freshness,
    });
    expect(allText(card)).not.toContain('"Other"');
    expect(allText(card)).toContain(
      "2 small departments (3 people) are left out: even together they are under 5 people. They count in the tenant's figures.",
    );
  });

  it('cuts a long list at its limit, says how many are left out, and keeps the "Other" row', () => {
    const many = Array.from({ length: 60 }, (_, i) => row('department', `Dept ${i}`, 100, 10 + i));
    many.push(row('other', 'Other', 30, 27, 9));
    const card = postureDepartmentsCard({ ranking: { rows: many }, minimumSize: 5, freshness });
    const body = table(card).slice(1);
    expect(body).toHaveLength(MAX_DEPARTMENT_ROWS);
    expect(body[0]![0]).toBe('Dept 0');
    expect(body[body.length - 1]![0]).toContain('Other (9 small departments)');
    expect(allText(card)).toContain('36 more departments have smaller gaps and are not shown.');
  });

  it('says so when there is nothing to rank', () => {
    const card = postureDepartmentsCard({ ranking: { rows: [] }, minimumSize: 5, freshness });
    expectSoundCard(card);
    expect(ofType(card, 'Table')).toHaveLength(0);
    expect(allText(card)).toContain('No departments to rank');
  });

  it("renders the domain's own ranking", () => {
    const counts = (strong: number, none: number) => ({ strong, acceptable: 0, weak: 0, none, criticalAdmins: 0, excluded: 0 });
    const ranking = rankDepartments({ Finance: counts(8, 2), Sales: counts(2, 8), Tiny: counts(1, 1), Mini: counts(2, 1) }, 5);
    const card = postureDepartmentsCard({ ranking, minimumSize: 5, freshness });
    expect(
      table(card)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['Sales', 'Finance', '_Other (2 small departments)_']);
  });

  it('stays well under the size limit at the largest table with the longest names', () => {
    const worst = Array.from({ length: 500 }, () => row('department', worstText(256), 9_999_999, 4_567_890));
    expectSoundCard(postureDepartmentsCard({ ranking: { rows: worst }, minimumSize: 5, freshness }), 18_000);
    // The longest names a row's button can carry: each row then carries its name twice.
    const linked = Array.from({ length: 500 }, () => row('department', worstText(DEPARTMENT_IN_BUTTON_MAX), 9_999_999, 4_567_890));
    const card = postureDepartmentsCard({ ranking: { rows: linked }, minimumSize: 5, freshness });
    expect(ofType(card, 'TableCell').filter((cell) => cell.selectAction)).toHaveLength(MAX_DEPARTMENT_ROWS);
    expectSoundCard(card, 23_000);
  });

  it('makes each named department a button to its own summary, and leaves the merged and unassigned rows plain', () => {
    const counts = (strong: number, none: number) => ({ strong, acceptable: 0, weak: 0, none, criticalAdmins: 0, excluded: 0 });
    const ranking = rankDepartments({ 'R&D [Labs]': counts(8, 2), '': counts(5, 5), Tiny: counts(1, 1), Mini: counts(2, 1) }, 5);
    const card = postureDepartmentsCard({ ranking, minimumSize: 5, freshness });
    const links = ofType(card, 'TableCell')
      .filter((cell) => cell.selectAction)
      .map((cell) => cell.selectAction);
    expect(links).toEqual([
      { type: 'Action.Execute', title: 'Show department', verb: VERBS.postureSummary, data: { department: 'R&D [Labs]' } },
    ]);
    expect(texts(card)).toContain('Choose a department for its figures and its people.');
    const plain = postureDepartmentsCard({ ranking: rankDepartments({ '': counts(5, 5) }, 5), minimumSize: 5, freshness });
    expect(texts(plain)).not.toContain('Choose a department for its figures and its people.');
  });
});

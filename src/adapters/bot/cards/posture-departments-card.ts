import type { DepartmentRanking, DepartmentRow } from '../../../domain/mfa/department-ranking';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { countText, peopleText, percentText } from './figure-text';
import { freshnessLine, type Freshness } from './freshness-line';
import type { TextColor } from './strength-label';
import { VERBS } from './verbs';

/** A ranked row as rankDepartments makes it; only what the table shows. */
export type DepartmentRowView = Pick<DepartmentRow, 'kind' | 'name' | 'departments'> & {
  counts: Pick<DepartmentRow['counts'], 'strong'>;
  figures: Pick<DepartmentRow['figures'], 'counted' | 'strongPercent'>;
};

/** What readDepartmentRanking answers with (kind 'ranking'). */
export interface PostureDepartmentsView {
  /** Ranked already, largest gap first, the merged "Other" bucket last (the domain owns the ranking). */
  ranking: { rows: readonly DepartmentRowView[]; withheld?: DepartmentRanking['withheld'] };
  /** Departments smaller than this were merged into "Other" (or withheld), so no one is singled out. */
  minimumSize: number;
  freshness: Freshness;
}

/** A card holds this many rows (about 8 KB, under 16 KB with the longest names); the rest are counted in a note. */
export const MAX_DEPARTMENT_ROWS = 25;

/** Below half on strong MFA is a department to talk to: a sign says so (no text colour reads on both of Teams' themes). */
function strongText(percent: number): string {
  return percent < 50 ? `⚠ ${percentText(percent)}` : percentText(percent);
}

function rowName(row: DepartmentRowView): string {
  if (row.kind === 'other') return `_Other (${countText(row.departments)} small departments)_`;
  if (row.kind === 'unassigned' || row.name === '') return '_No department_';
  return directoryText(row.name, TEXT_LIMITS.department);
}

/**
 * The longest department name a row's button carries: the name goes in twice (shown and in the button's data), and
 * 25 rows of longer names would bring the card near Teams' size limit. Real department names are far shorter; a
 * longer one is still shown, without the button (`posture <department>` reaches it).
 */
export const DEPARTMENT_IN_BUTTON_MAX = 128;

function isLinked(row: DepartmentRowView): boolean {
  return row.kind === 'department' && row.name !== '' && row.name.length <= DEPARTMENT_IN_BUTTON_MAX;
}

/** A named department opens its own summary (its lists are a button away there); the merged rows have none. */
function departmentLink(row: DepartmentRowView): { show: { department: string } | null; nameColor: TextColor } {
  return isLinked(row) ? { show: { department: row.name }, nameColor: 'Accent' } : { show: null, nameColor: 'Default' };
}

export function postureDepartmentsCard(view: PostureDepartmentsView): AdaptiveCard {
  const { rows, withheld } = view.ranking;
  let shown = rows.slice(0, MAX_DEPARTMENT_ROWS);
  // The merged bucket stays on the card even below the cut: it stands for several departments.
  const other = rows.find((r) => r.kind === 'other');
  if (other && !shown.includes(other)) shown = [...shown.slice(0, MAX_DEPARTMENT_ROWS - 1), other];
  const hidden = rows.length - shown.length;
  const min = countText(view.minimumSize);

  const notes = [
    'Gap: people without strong MFA.',
    other ? `Departments with fewer than ${min} people are merged into "Other", so no one is singled out.` : '',
    withheld
      ? `${countText(withheld.departments)} small ${withheld.departments === 1 ? 'department' : 'departments'} (${peopleText(withheld.people)}) ` +
        `${withheld.departments === 1 ? 'is' : 'are'} left out: even together they are under ${min} people. They count in the tenant's figures.`
      : '',
    hidden > 0
      ? `${countText(hidden)} more ${hidden === 1 ? 'department has' : 'departments have'} smaller gaps and ${hidden === 1 ? 'is' : 'are'} not shown.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  return renderCard('posture-departments', {
    intro:
      rows.length === 0
        ? 'No departments to rank: the last scan found nobody to count in one.'
        : `${countText(rows.length)} ${rows.length === 1 ? 'row' : 'rows'}, the lowest share with strong MFA first.`,
    hint: shown.some(isLinked) ? 'Choose a department for its figures and its people.' : '',
    rows: shown.map((row) => ({
      name: rowName(row),
      ...departmentLink(row),
      people: countText(row.figures.counted),
      strong: strongText(row.figures.strongPercent),
      gap: countText(row.figures.counted - row.counts.strong),
    })),
    notes: rows.length === 0 && !withheld ? '' : notes,
    freshness: freshnessLine(view.freshness),
    verbs: VERBS,
  });
}

import type { MethodKind } from '../../../domain/mfa/method-kind';
import type { MfaStrength } from '../../../domain/mfa/mfa-strength';
import type { DirectoryTotals, PostureCounts } from '../../../domain/mfa/posture-counts';
import type { PostureChange, PostureFigures } from '../../../domain/mfa/posture-figures';
import type { ReadinessLine, ReadinessTone } from '../../../domain/mfa/readiness-lines';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { changeText, countText, percentText, peopleText } from './figure-text';
import { freshnessLine, utcDateText, type Freshness } from './freshness-line';
import { methodLabel, methodsInReadingOrder, STRENGTH_LOOK } from './strength-label';
import { VERBS } from './verbs';

/** What readPosture answers with (kind 'summary'), plus what the chart needs. */
export interface PostureSummaryView {
  /** The department, as the directory spells it; absent for the whole tenant ('' = people without one). */
  department?: string;
  figures: PostureFigures;
  /** Since the previous completed scan; absent after the first scan. */
  change?: Pick<PostureChange, 'strongPoints' | 'anyMfaPoints' | 'weakOnlyPoints'>;
  /** When that previous scan was taken, if known. */
  previousTakenAt?: Date;
  /**
   * People at each strength, for the chart and its legend. Without them the chart shows the shares derived from
   * the figures' percentages, and the legend prints percentages.
   */
  counts?: Pick<PostureCounts, MfaStrength>;
  /** People (counted in rates) with each method registered; the tenant's card lists them, strongest first. */
  byMethod?: Partial<Record<MethodKind, number>>;
  /** The directory's own totals, shown as a cross-check under the methods. */
  directoryTotals?: DirectoryTotals;
  /** What comes next (SMS and voice's end, phishing-resistant coverage), worded by the domain; under the admins line. */
  readiness?: readonly ReadinessLine[];
  freshness: Freshness;
}

/**
 * How each tone reads: a sign before the words and, for an alarm only, red. Yellow or green text on a light card
 * is hard to read, so the words stay in the default colour otherwise.
 */
const TONE_LOOK: Readonly<Record<ReadinessTone, { sign: string; color: string }>> = {
  good: { sign: '✓ ', color: 'Default' },
  warning: { sign: '⚠ ', color: 'Default' },
  attention: { sign: '⚠ ', color: 'Default' },
  neutral: { sign: '', color: 'Default' },
};

const ORDER: readonly MfaStrength[] = ['strong', 'acceptable', 'weak', 'none'];

interface Share {
  strength: MfaStrength;
  value: number;
  text: string;
}

/** Each strength's slice: people when the caller has the counts, else percentages rebuilt from the rates. */
function shares(view: PostureSummaryView): Share[] {
  const { figures, counts } = view;
  if (counts) return ORDER.map((s) => ({ strength: s, value: counts[s], text: countText(counts[s]) }));
  const round1 = (n: number) => Math.max(0, Math.round(n * 10) / 10);
  const percents: Record<MfaStrength, number> = {
    strong: figures.strongPercent,
    acceptable: round1(figures.anyMfaPercent - figures.strongPercent - figures.weakOnlyPercent),
    weak: figures.weakOnlyPercent,
    none: round1(100 - figures.anyMfaPercent),
  };
  return ORDER.map((s) => ({ strength: s, value: percents[s], text: percentText(percents[s]) }));
}

export function postureSummaryCard(view: PostureSummaryView): AdaptiveCard {
  const { figures, change } = view;
  const scope = view.department === undefined ? 'whole tenant' : directoryText(view.department || 'No department', TEXT_LIMITS.department);
  const figure = (value: string, label: string, color: string, points?: number, higherIsBetter = true) => {
    const c = points === undefined ? undefined : changeText(points, higherIsBetter);
    return { value, label, color, change: c?.text ?? '', changeColor: c?.color ?? 'Default' };
  };
  const slices = shares(view);
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const methods = methodFacts(view.byMethod, figures.counted);
  return renderCard('posture-summary', {
    title: `MFA posture · ${scope}`,
    population:
      `${peopleText(figures.counted)} counted` +
      (figures.excluded > 0 ? ` · ${countText(figures.excluded)} guests and disabled accounts left out` : ''),
    figures: [
      figure(percentText(figures.strongPercent), 'strong MFA', STRENGTH_LOOK.strong.textColor, change?.strongPoints),
      figure(percentText(figures.anyMfaPercent), 'any MFA', 'Default', change?.anyMfaPoints),
      // Fewer people on weak-only MFA is good news: the arrow points down in green.
      figure(percentText(figures.weakOnlyPercent), 'weak only', 'Default', change?.weakOnlyPoints, false),
      figure(
        countText(figures.withNothing),
        figures.withNothing === 1 ? 'person with no MFA' : 'people with no MFA',
        figures.withNothing > 0 ? STRENGTH_LOOK.none.textColor : 'Default',
      ),
    ],
    changeNote: !change
      ? 'First scan: changes show from the next one.'
      : `Changes since the previous scan${view.previousTakenAt ? ` (${utcDateText(view.previousTakenAt)})` : ''}, in percentage points.`,
    admins:
      figures.criticalAdmins > 0
        ? {
            style: 'attention',
            // Red on the pale red of an attention container reads at 3.6:1: the words in the default colour.
            color: 'Default',
            text: `⚠ Critical: ${countText(figures.criticalAdmins)} ${figures.criticalAdmins === 1 ? 'admin has' : 'admins have'} no strong MFA`,
          }
        : { style: 'default', color: 'Default', text: '✓ Every admin has strong MFA' },
    readiness: (view.readiness ?? []).map((line) => ({ text: TONE_LOOK[line.tone].sign + line.text, color: TONE_LOOK[line.tone].color })),
    hasReadiness: (view.readiness ?? []).length > 0,
    hasPeople: figures.counted > 0 && total > 0,
    chartTitle: 'People by MFA strength',
    // Short legends: the chart's legend is one line and hides what does not fit behind "+N items".
    segments: slices.map((s) => ({
      label: STRENGTH_LOOK[s.strength].label,
      value: s.value,
      chartColor: STRENGTH_LOOK[s.strength].chartColor,
    })),
    // The line under the chart (or its fallback bar): a coloured square, then the figure in plain colour.
    countRuns: slices.flatMap((s, i) => [
      { text: '■ ', color: STRENGTH_LOOK[s.strength].swatchColor },
      { text: `${s.text} ${STRENGTH_LOOK[s.strength].inSentence}${i < slices.length - 1 ? '    ' : ''}`, color: 'Default' },
    ]),
    // The fallback bar: one coloured column per non-empty strength, as wide as its share (weights, not pixels).
    bar: slices
      .filter((s) => s.value > 0)
      .map((s) => ({
        weight: Math.max(1, Math.round((s.value / total) * 100)),
        style: STRENGTH_LOOK[s.strength].containerStyle,
      })),
    methods,
    hasMethods: methods.length > 0,
    directoryTotals: view.directoryTotals ? directoryTotalsLine(view.directoryTotals) : '',
    freshness: freshnessLine(view.freshness),
    isTenant: view.department === undefined,
    hasNone: figures.withNothing > 0,
    unenrolledData: listData('unenrolled', view.department),
    hasWeak: view.counts ? view.counts.weak > 0 : figures.weakOnlyPercent > 0,
    weakData: listData('weak', view.department),
    verbs: VERBS,
  });
}

/** The first page of a list of people, the department's when the card is one department's. */
function listData(list: 'unenrolled' | 'weak', department: string | undefined) {
  return department === undefined ? { list, offset: 0 } : { list, department, offset: 0 };
}

/** "Text message (SMS)" → "1,234 people · 12 %": how many of the people counted have each method registered. */
function methodFacts(byMethod: PostureSummaryView['byMethod'], counted: number): { title: string; value: string }[] {
  if (!byMethod || counted === 0) return [];
  const kinds = methodsInReadingOrder(Object.keys(byMethod) as MethodKind[]).filter((kind) => (byMethod[kind] ?? 0) > 0);
  return kinds.map((kind) => {
    const people = byMethod[kind]!;
    return { title: methodLabel(kind), value: `${peopleText(people)} · ${percentText((100 * people) / counted)}` };
  });
}

/** Microsoft's figures as Microsoft counts them: every user type, so not comparable point for point with the rates. */
function directoryTotalsLine(totals: DirectoryTotals): string {
  return (
    `Microsoft's own count, guests included: ${countText(totals.mfaCapable)} of ${countText(totals.totalUsers)} users MFA-capable, ` +
    `${countText(totals.passwordlessCapable)} passwordless-capable.`
  );
}

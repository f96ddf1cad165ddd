import { errorCodeOf } from '../domain/errors';
import type { Article } from '../domain/guidance/article';
import type { MethodKind } from '../domain/mfa/method-kind';
import { classifyMethods, type ClassificationPolicy } from '../domain/mfa/mfa-strength';
import { nextStepFor, type NextStep } from '../domain/mfa/next-step';
import type { Nudge, NudgeActionKind, NudgeActionResult, NudgeSeries } from '../domain/nudges/nudge';
import { nudgeCardFor, type NudgeCard, type NudgeNotice } from '../domain/nudges/nudge-card';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import { DEFAULT_NUDGE_TARGET, meetsTarget, type NudgeTarget } from '../domain/nudges/nudge-target';
import { decideSnooze } from '../domain/nudges/snooze-policy';
import type { Directory } from '../domain/ports/directory';
import type { LastLiveCheck, LiveCheckBudget } from '../domain/ports/live-check-budget';
import type { HelpDesk } from '../domain/ports/help-desk';
import type { NudgeStore } from '../domain/ports/nudge-store';
import { withTimeout } from '../domain/deadline';

export interface NudgeActionDeps {
  store: NudgeStore;
  directory: Pick<Directory, 'currentMethods'>;
  policy: ClassificationPolicy;
  nudges: NudgePolicy;
  now: () => Date;
  /** The help article for someone's next step, when the knowledge base has one. */
  articleFor(step: NextStep): Article | undefined;
  helpDesk?: HelpDesk;
  /** Whom the card tells people to contact (free text from the configuration). */
  helpContact?: string;
  /** Queues the reminder a snooze asked for, asking for what the snoozed nudge asked for. */
  remindAt(userId: string, at: Date, target: NudgeTarget): Promise<void>;
  /** Longest wait for the live recheck: Teams gives an invoke 5 s in all. */
  recheckTimeoutMs: number;
  /** Each person's share of live checks, the same one "status" draws from. */
  liveChecks: LiveCheckBudget;
}

export interface NudgeActionRequest {
  /** From the card's data: untrusted. */
  nudgeId: unknown;
  /** The activity's sender, never the card's data. */
  actorId: string | undefined;
  action: NudgeActionKind;
  /** From the card's data, for a snooze: untrusted. */
  days?: unknown;
}

/**
 * What a press on a nudge card does, and the card it turns into. Only the person the nudge was sent to may act
 * on it; a card from a series that has ended shows the confirmation whatever was pressed; every action,
 * refused ones included, is recorded for the campaigns' counts.
 */
export async function actOnNudge(deps: NudgeActionDeps, request: NudgeActionRequest): Promise<NudgeCard> {
  const found = typeof request.nudgeId === 'string' ? await deps.store.find(request.nudgeId) : undefined;
  if (!found) return { kind: 'unknown' };
  const { nudge, series } = found;
  const record = (result: NudgeActionResult, detail?: Record<string, string | number | boolean>) =>
    deps.store.recordAction({
      nudgeId: nudge.id,
      actorId: request.actorId ?? 'unknown',
      action: request.action,
      result,
      at: deps.now(),
      ...(detail ? { detail } : {}),
    });

  if (!request.actorId || request.actorId !== nudge.userId) {
    await record('notYours');
    return { kind: 'notYours' };
  }
  if (series.endedAt) {
    await record('seriesEnded');
    return enrolledCard(nudge);
  }

  switch (request.action) {
    case 'viewed': {
      await record('shown');
      return nudgeView(deps, nudge, series, nudge.methods, snoozedNotice(deps, series));
    }
    case 'recheck':
      return recheck(deps, nudge, series, record);
    case 'snooze':
      return snooze(deps, nudge, series, request.days, record);
    case 'help': {
      const step = nextStepFor(nudge.strength, nudge.methods, deps.policy, targetOf(deps, nudge));
      const told = deps.helpDesk
        ? await deps.helpDesk
            .tell({ userId: nudge.userId, name: nudge.recipientName, strength: nudge.strength, methods: nudge.methods })
            .catch(() => false)
        : false;
      const article = deps.articleFor(step);
      await record('helpShown', { helpDeskTold: told, ...(article ? { articleId: article.id } : {}) });
      return nudgeView(deps, nudge, series, nudge.methods, {
        kind: 'help',
        helpDeskTold: told,
        ...(article ? { article } : {}),
        ...(deps.helpContact ? { contact: deps.helpContact } : {}),
      });
    }
  }
}

type RecordAction = (result: NudgeActionResult, detail?: { [key: string]: string | number | boolean }) => Promise<void>;

async function recheck(deps: NudgeActionDeps, nudge: Nudge, series: NudgeSeries, record: RecordAction): Promise<NudgeCard> {
  const ticket = deps.liveChecks.take(nudge.userId, deps.now());
  if (ticket.kind === 'limited') return rememberedRecheck(deps, nudge, series, record, ticket.retryAt, ticket.last);
  let methods: MethodKind[];
  try {
    methods = await withTimeout(deps.directory.currentMethods(nudge.userId), deps.recheckTimeoutMs, 'the live recheck');
  } catch (error) {
    const notPermitted = errorCodeOf(error) === 'GRAPH-FORBIDDEN';
    await record('checkUnavailable', notPermitted ? { notPermitted } : undefined);
    return nudgeView(deps, nudge, series, nudge.methods, { kind: 'checkUnavailable', notPermitted });
  }
  const checkedAt = deps.now();
  deps.liveChecks.remember(nudge.userId, { methods, checkedAt });
  if (meetsTarget(targetOf(deps, nudge), classifyMethods(methods, deps.policy), methods)) {
    await deps.store.endSeries(series.id, 'enrolled', checkedAt);
    await record('enrolled');
    return enrolledCard(nudge, methods);
  }
  await record('stillMissing');
  return nudgeView(deps, nudge, series, methods, { kind: 'stillMissing', checkedAt });
}

/**
 * "I've done it" pressed again while the person is over their live-check limit: no new check. When the latest
 * check (by "status" or this card, within the hour) found what the nudge asks for, that is as good as a check now
 * and the series ends; otherwise the card shows what it found and from when they can press again, and the series is
 * left as it was.
 */
async function rememberedRecheck(
  deps: NudgeActionDeps,
  nudge: Nudge,
  series: NudgeSeries,
  record: RecordAction,
  retryAt: Date,
  last?: LastLiveCheck,
): Promise<NudgeCard> {
  if (last && meetsTarget(targetOf(deps, nudge), classifyMethods(last.methods, deps.policy), last.methods)) {
    await deps.store.endSeries(series.id, 'enrolled', deps.now());
    await record('enrolled', { fromRecentCheck: true });
    return enrolledCard(nudge, last.methods);
  }
  await record('checkLimited');
  return nudgeView(deps, nudge, series, last?.methods ?? nudge.methods, {
    kind: 'checkLimited',
    retryAt,
    ...(last ? { lastCheckedAt: last.checkedAt } : {}),
  });
}

async function snooze(deps: NudgeActionDeps, nudge: Nudge, series: NudgeSeries, days: unknown, record: RecordAction): Promise<NudgeCard> {
  const decision = decideSnooze(deps.now(), days, series.snoozesUsed, deps.nudges.snooze);
  if (decision.kind === 'refused') {
    await record('snoozeRefused', { reason: decision.reason });
    return nudgeView(deps, nudge, series, nudge.methods, { kind: 'snoozeRefused', reason: decision.reason });
  }
  // A double press (or two devices) must not spend two snoozes: the store only counts one against the number read.
  if (!(await deps.store.snooze(series.id, decision.until, series.snoozesUsed))) {
    const now = await deps.store.find(nudge.id);
    const current = now?.series ?? series;
    await record('snoozeRefused', { reason: 'concurrent' });
    if (current.endedAt) return enrolledCard(nudge);
    return nudgeView(deps, nudge, current, nudge.methods, snoozedNotice(deps, current));
  }
  await deps.remindAt(nudge.userId, decision.until, targetOf(deps, nudge));
  await record('snoozed', { days: Number(days) });
  return nudgeView(deps, nudge, { ...series, snoozesUsed: decision.used, snoozedUntil: decision.until }, nudge.methods, {
    kind: 'snoozed',
    until: decision.until,
    wasLast: decision.wasLast,
  });
}

/** The series is over: what the nudge asked for is there. Its methods are known only right after a recheck. */
function enrolledCard(nudge: Nudge, methods: MethodKind[] = []): NudgeCard {
  return { kind: 'enrolled', nudgeId: nudge.id, name: nudge.greetingName, methods };
}

/** While a snooze runs, the card says until when (and whether it was the last one allowed). */
function snoozedNotice(deps: NudgeActionDeps, series: NudgeSeries): NudgeNotice | undefined {
  if (!series.snoozedUntil || series.snoozedUntil.getTime() <= deps.now().getTime()) return undefined;
  return { kind: 'snoozed', until: series.snoozedUntil, wasLast: series.snoozesUsed >= deps.nudges.snooze.maxPerSeries };
}

/** What this nudge asks for: its own (a campaign's choice), or for a nudge kept before it had one, the setting's. */
function targetOf(deps: NudgeActionDeps, nudge: Nudge): NudgeTarget {
  return nudge.target ?? deps.nudges.target ?? DEFAULT_NUDGE_TARGET;
}

function nudgeView(deps: NudgeActionDeps, nudge: Nudge, series: NudgeSeries, methods: MethodKind[], notice?: NudgeNotice): NudgeCard {
  const policies = { classification: deps.policy, snooze: deps.nudges.snooze, now: deps.now(), target: targetOf(deps, nudge) };
  return nudgeCardFor(nudge, series, methods, policies, notice);
}

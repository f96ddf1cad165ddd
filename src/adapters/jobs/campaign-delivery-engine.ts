import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { SendRate } from '../../domain/ports/send-rate';
import { SendBudget } from './send-budget';
import { claimDueBatch, sendClaimedBatch, type BatchReport, type DeliverCampaignDeps } from '../../use-cases/deliver-campaign';
import { messageOf } from '../../domain/errors';
import { withCorrelation } from '../log-correlation';

export interface CampaignEngineOptions {
  /** Most deliveries claimed at once (about a second of sends at the tenant's rate). */
  batchMax: number;
  /**
   * Most batches in flight at once (default 2). The next batch is claimed once every delivery of the one before
   * holds its place in the send budget, so that its checks run while those sends wait their turns, rather than in
   * a gap after them.
   */
  batchesInFlight?: number;
  /**
   * The tenant's rate, kept by this instance on its own too: at most its share of it (the rate divided by the
   * instances sending lately) in any one second, counting each request until Teams has answered it. The shared
   * budget spaces the sends evenly, but a send can be held up on its way (the database marks it first, the event
   * loop is busy) and several held-up sends would then go together, or meet another instance's on-time ones:
   * shares that add up to the rate keep every second within it. Without it, only the shared budget paces.
   * Read only when the engine is given the shared budget itself: a SendBudget keeps its own.
   */
  ownLimitPerSecond?: number;
  /** How long to wait before looking again when nothing was due. */
  idleMs: number;
  /**
   * While nothing keeps being due, the wait doubles up to this (default: idleMs, no growth): an idle bot looks a
   * few times a minute instead of every second. A started run wakes the loop at once; a delivery that fell due
   * meanwhile (a window opened, a campaign resumed) waits at most this long.
   */
  maxIdleMs?: number;
  /**
   * The watchdog: a loop that has made no progress (no claim answered, no batch settled, no idle pause over) for
   * this long is presumed wedged, logged, and replaced by a fresh loop (default 5 minutes: longer than any one
   * call may take with its retries, since every outbound call has its own deadline).
   */
  stallMs?: number;
  /** A monotonic clock in ms (default performance.now): the watchdog's, never the wall clock. */
  monotonicNow?: () => number;
  /** Told each batch's claims and results once it settled, for the operator's figures. */
  observeBatch?: (report: Pick<BatchReport, 'claimed' | 'results'>) => void;
}

/** What the watchdog knows, for /readyz and the logs. */
export interface DeliveryEngineHealth {
  /** False while the loop has made no progress for longer than stallMs (even after a restart). */
  healthy: boolean;
  /** How long since the loop last made progress. */
  idleForMs: number;
  /** How many times the watchdog replaced a wedged loop since start. */
  restarts: number;
}

const DEFAULT_STALL_MS = 5 * 60_000;

/** A run's deliveries and its summary share one id in the logs, whichever batch or instance sends them. */
const runCorrelation = (runId: string) => ({ correlationId: `campaign-run:${runId}` });

export interface CampaignEngineLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The delivery engine's loop in one bot instance: claim a batch of due deliveries, send them, each waiting for
 * its place in the tenant's send budget just before it goes, and claim the next batch as soon as every delivery
 * of this one holds its place (two batches at most in flight); wait a little when nothing is due. Several
 * instances run this loop on one database: claims keep them from sending the same delivery, the shared budget
 * keeps them together within Teams' rate.
 *
 * The budget spaces sends evenly (one every 1/rate seconds) and is taken per request to Teams at the moment it
 * goes: a budget counted in clock seconds let the end of one second and the start of the next together exceed
 * the rate in the one-second stretches Teams counts, and a place taken before the checks went unused by a send
 * the checks held back.
 *
 * Claiming the next batch only when the previous one was done left the budget idle while the new batch did its
 * checks (a third of the time at 100 sends a second); claiming it once the previous one is placed keeps the
 * budget busy without holding more than two batches' claims.
 *
 * A failure of the database or of a batch is logged and the loop goes on after a pause: a delivery claimed by a
 * batch that failed returns to pending when its lease runs out.
 */
export class CampaignDeliveryEngine {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private idleMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly budget: SendBudget;
  /** Each loop knows its generation: a loop the watchdog replaced leaves as soon as it wakes. */
  private generation = 0;
  private lastProgressAt = 0;
  private lastRestartAt = 0;
  private restarts = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private readonly clock: () => number;
  private readonly stallMs: number;

  private readonly deps: DeliverCampaignDeps;

  /** `rate`: the shared budget, kept through a budget of its own; or the instance's one budget, shared with every other sender. */
  constructor(
    deps: DeliverCampaignDeps,
    rate: SendRate | SendBudget,
    private readonly options: CampaignEngineOptions,
    private readonly logger: CampaignEngineLogger,
    private readonly onRunFinished: (run: CampaignRun) => Promise<void> = async () => {},
  ) {
    this.budget = rate instanceof SendBudget ? rate : new SendBudget(rate, deps.worker, options.ownLimitPerSecond);
    this.deps = { ...deps, pace: this.budget.take, within: (delivery, work) => withCorrelation(runCorrelation(delivery.runId), work) };
    this.idleMs = options.idleMs;
    this.clock = options.monotonicNow ?? (() => performance.now());
    this.stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.progress();
    this.running = this.loop(++this.generation);
    this.watchdog = setInterval(() => this.checkProgress(), Math.max(10, Math.min(30_000, this.stallMs / 4))).unref();
  }

  /** Finishes the batches in flight (their results are recorded), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  health(): DeliveryEngineHealth {
    const idleForMs = this.running ? Math.max(0, this.clock() - this.lastProgressAt) : 0;
    return { healthy: idleForMs <= this.stallMs, idleForMs: Math.round(idleForMs), restarts: this.restarts };
  }

  private progress(): void {
    this.lastProgressAt = this.clock();
  }

  /**
   * A wedged loop (an await that never settles: a driver or library without a deadline we did not foresee) is
   * left behind and a fresh one started. Its claims come back to pending, or become uncertain if their cards
   * had left, when their leases run out; a batch of it that settles later still records its results.
   */
  private checkProgress(): void {
    if (!this.running || this.stopping) return;
    const idleForMs = this.clock() - this.lastProgressAt;
    // Unhealthy until the fresh loop makes progress; replaced again only if it too stays stuck that long.
    if (idleForMs <= this.stallMs || this.clock() - this.lastRestartAt <= this.stallMs) return;
    this.lastRestartAt = this.clock();
    this.restarts += 1;
    this.logger.error(
      { idleForMs: Math.round(idleForMs), batchesInFlight: this.inFlight.size, restarts: this.restarts },
      'campaign delivery loop made no progress; the watchdog restarts it',
    );
    this.inFlight.clear();
    this.wake?.();
    // stop() waits for the fresh loop only: the wedged one may never end.
    this.running = this.loop(++this.generation);
  }

  /** Looks at once rather than after the idle pause (a run was just started). */
  poke(): void {
    this.idleMs = this.options.idleMs;
    this.wake?.();
  }

  private async loop(generation: number): Promise<void> {
    const most = Math.max(1, this.options.batchesInFlight ?? 2);
    const replaced = () => generation !== this.generation;
    while (!this.stopping && !replaced()) {
      try {
        while (this.inFlight.size >= most) await Promise.race(this.inFlight);
        if (this.stopping || replaced()) break;
        const batch = await claimDueBatch(this.deps, this.options.batchMax);
        if (replaced()) return;
        this.progress();
        if (batch.deliveries.length > 0) {
          this.idleMs = this.options.idleMs;
          let placed!: () => void;
          const allPlaced = new Promise<void>((resolve) => (placed = resolve));
          const sending = sendClaimedBatch(this.deps, batch, placed)
            .then((report) => {
              this.progress();
              return this.afterBatch(report);
            })
            .catch((error: unknown) =>
              this.logger.error(
                { err: messageOf(error) },
                'campaign delivery batch failed; its claims come back when their lease runs out',
              ),
            )
            .finally(() => this.inFlight.delete(sending));
          this.inFlight.add(sending);
          await Promise.race([allPlaced, sending]);
        } else {
          for (const run of batch.finishedRuns) await this.announceFinished(run);
          const wait = this.idleMs;
          this.idleMs = Math.min(wait * 2, Math.max(this.options.maxIdleMs ?? this.options.idleMs, this.options.idleMs));
          await this.pause(wait);
          this.progress();
        }
      } catch (error) {
        this.logger.error({ err: messageOf(error) }, 'campaign delivery claim failed; trying again shortly');
        await this.pause(this.options.idleMs);
        // A failure answered is progress: the loop is alive, whatever the database says.
        this.progress();
      }
    }
    if (!replaced()) await Promise.all(this.inFlight);
  }

  private async afterBatch(report: BatchReport): Promise<void> {
    this.options.observeBatch?.(report);
    // One line per run, under the run's id, so a run's story reads whole whatever else the batch carried.
    for (const [runId, results] of report.byRun)
      withCorrelation(runCorrelation(runId), () => this.logger.info({ runId, ...results }, 'campaign deliveries'));
    for (const run of report.finishedRuns) await this.announceFinished(run);
  }

  /**
   * Tells whoever waits for finished runs (the owner's summary, escalation) about one: after a batch, or when a run
   * with nobody to remind finished as it started. A failure there is logged; it never stops the sending.
   */
  async announceFinished(run: CampaignRun): Promise<void> {
    await withCorrelation(runCorrelation(run.id), () => this.onRunFinished(run)).catch((error: unknown) =>
      this.logger.error({ runId: run.id, err: messageOf(error) }, 'the run summary could not be sent'),
    );
  }

  /** Waits for a send's place in the instance's budget (see SendBudget.take). */
  takeSendSlot(reserved?: () => void): Promise<() => void> {
    return this.budget.take(reserved);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Unref'd: a waiting engine alone does not keep the process alive (stop() wakes it anyway).
      const timer = setTimeout(done, Math.max(1, ms)).unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

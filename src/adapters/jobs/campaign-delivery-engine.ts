import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { SendRate } from '../../domain/ports/send-rate';
import { RequestPacer } from '../request-pacer';
import { claimDueBatch, sendClaimedBatch, type BatchReport, type DeliverCampaignDeps } from '../../use-cases/deliver-campaign';

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
}

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
  private readonly ownWindow: RequestPacer | undefined;

  private readonly deps: DeliverCampaignDeps;

  constructor(
    deps: DeliverCampaignDeps,
    private readonly rate: SendRate,
    private readonly options: CampaignEngineOptions,
    private readonly logger: CampaignEngineLogger,
    private readonly onRunFinished: (run: CampaignRun) => Promise<void> = async () => {},
  ) {
    this.deps = { ...deps, pace: (reserved) => this.takeSendSlot(reserved) };
    this.idleMs = options.idleMs;
    this.ownWindow = options.ownLimitPerSecond ? new RequestPacer({ limit: options.ownLimitPerSecond, windowMs: 1000 }) : undefined;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finishes the batches in flight (their results are recorded), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** Looks at once rather than after the idle pause (a run was just started). */
  poke(): void {
    this.idleMs = this.options.idleMs;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    const most = Math.max(1, this.options.batchesInFlight ?? 2);
    while (!this.stopping) {
      try {
        while (this.inFlight.size >= most) await Promise.race(this.inFlight);
        if (this.stopping) break;
        const batch = await claimDueBatch(this.deps, this.options.batchMax);
        if (batch.deliveries.length > 0) {
          this.idleMs = this.options.idleMs;
          let placed!: () => void;
          const allPlaced = new Promise<void>((resolve) => (placed = resolve));
          const sending = sendClaimedBatch(this.deps, batch, placed)
            .then((report) => this.afterBatch(report))
            .catch((error: unknown) => this.logger.error({ err: errorText(error) }, 'campaign delivery batch failed; its claims come back when their lease runs out'))
            .finally(() => this.inFlight.delete(sending));
          this.inFlight.add(sending);
          await Promise.race([allPlaced, sending]);
        } else {
          const wait = this.idleMs;
          this.idleMs = Math.min(wait * 2, Math.max(this.options.maxIdleMs ?? this.options.idleMs, this.options.idleMs));
          await this.pause(wait);
        }
      } catch (error) {
        this.logger.error({ err: errorText(error) }, 'campaign delivery claim failed; trying again shortly');
        await this.pause(this.options.idleMs);
      }
    }
    await Promise.all(this.inFlight);
  }

  private async afterBatch(report: BatchReport): Promise<void> {
    if (report.claimed > 0) this.logger.info({ claimed: report.claimed, ...report.results }, 'campaign deliveries');
    for (const run of report.finishedRuns) await this.announceFinished(run);
  }

  /**
   * Tells whoever waits for finished runs (the owner's summary, escalation) about one: after a batch, or when a run
   * with nobody to remind finished as it started. A failure there is logged; it never stops the sending.
   */
  async announceFinished(run: CampaignRun): Promise<void> {
    await this.onRunFinished(run).catch((error: unknown) =>
      this.logger.error({ runId: run.id, err: errorText(error) }, 'the run summary could not be sent'),
    );
  }

  /**
   * Waits for this send's place in the shared budget (campaign sends, new chats, and managers' escalation cards),
   * then for room in this instance's own one-second window; `reserved` is told as soon as the shared place is held.
   * The place in the own window is held until the returned `answered` is called.
   */
  async takeSendSlot(reserved?: () => void): Promise<() => void> {
    const slot = await this.rate.nextSlot(this.deps.worker);
    reserved?.();
    // This instance's share: the shares of all the instances sending add up to the rate, never more.
    if (this.options.ownLimitPerSecond) this.ownWindow?.resize(Math.max(1, Math.floor(this.options.ownLimitPerSecond / Math.max(1, slot.senders))));
    if (slot.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, slot.waitMs).unref());
    const own = await this.ownWindow?.acquire();
    return () => own?.release();
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

/** What a log line says of a failure: its message. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { SendRate } from '../../domain/ports/send-rate';
import { deliverDueBatch, type BatchReport, type DeliverCampaignDeps } from '../../use-cases/deliver-campaign';

export interface CampaignEngineOptions {
  /** Most deliveries claimed at once; also the most sends in flight from this instance. */
  batchMax: number;
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
 * its place in the tenant's send budget just before it goes, and go round again; wait a little when nothing is
 * due. Several instances run this loop on one database: claims keep them from sending the same delivery, the
 * shared budget keeps them together within Teams' rate.
 *
 * The budget spaces sends evenly (one every 1/rate seconds) and is taken per request to Teams at the moment it
 * goes: a budget counted in clock seconds let the end of one second and the start of the next together exceed
 * the rate in the one-second stretches Teams counts, and a place taken before the checks went unused by a send
 * the checks held back.
 *
 * A failure of the database or of a batch is logged and the loop goes on after a pause: a delivery claimed by a
 * batch that failed returns to pending when its lease runs out.
 */
export class CampaignDeliveryEngine {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private idleMs: number;

  private readonly deps: DeliverCampaignDeps;

  constructor(
    deps: DeliverCampaignDeps,
    private readonly rate: SendRate,
    private readonly options: CampaignEngineOptions,
    private readonly logger: CampaignEngineLogger,
    private readonly onRunFinished: (run: CampaignRun) => Promise<void> = async () => {},
  ) {
    this.deps = { ...deps, pace: () => this.takeSendSlot() };
    this.idleMs = options.idleMs;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finishes the batch in flight (its results are recorded), then stops. */
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
    while (!this.stopping) {
      try {
        const report = await deliverDueBatch(this.deps, this.options.batchMax);
        await this.afterBatch(report);
        if (report.claimed > 0) this.idleMs = this.options.idleMs;
        else {
          const wait = this.idleMs;
          this.idleMs = Math.min(wait * 2, Math.max(this.options.maxIdleMs ?? this.options.idleMs, this.options.idleMs));
          await this.pause(wait);
        }
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'campaign delivery batch failed; trying again shortly');
        await this.pause(this.options.idleMs);
      }
    }
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
      this.logger.error({ runId: run.id, err: error instanceof Error ? error.message : String(error) }, 'the run summary could not be sent'),
    );
  }

  /** Waits for this send's place in the shared budget (campaign sends, new chats, and managers' escalation cards). */
  async takeSendSlot(): Promise<void> {
    const wait = (await this.rate.nextSlot(this.deps.now)).getTime() - this.deps.now().getTime();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
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

import type { CampaignRun } from '../../domain/campaigns/campaign-run';
import type { SendRate } from '../../domain/ports/send-rate';
import { deliverDueBatch, type BatchReport, type DeliverCampaignDeps } from '../../use-cases/deliver-campaign';

export interface CampaignEngineOptions {
  /** Most deliveries claimed at once; also the most sends in flight from this instance. */
  batchMax: number;
  /** How long to wait before looking again when nothing was due. */
  idleMs: number;
}

export interface CampaignEngineLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The delivery engine's loop in one bot instance: take what the tenant's send budget allows this second, claim
 * that many due deliveries, send them, and go round again; wait a little when nothing is due, and until the next
 * second when the budget is spent. Several instances run this loop on one database: claims keep them from
 * sending the same delivery, the shared budget keeps them together within Teams' rate.
 *
 * A failure of the database or of a batch is logged and the loop goes on after a pause: a delivery claimed by a
 * batch that failed returns to pending when its lease runs out.
 */
export class CampaignDeliveryEngine {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: DeliverCampaignDeps,
    private readonly rate: SendRate,
    private readonly options: CampaignEngineOptions,
    private readonly logger: CampaignEngineLogger,
    private readonly onRunFinished: (run: CampaignRun) => Promise<void> = async () => {},
  ) {}

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
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        const now = this.deps.now();
        const granted = await this.rate.take(this.options.batchMax, now);
        if (granted === 0) {
          await this.pause(1000 - (now.getTime() % 1000));
          continue;
        }
        const report = await deliverDueBatch(this.deps, granted);
        await this.afterBatch(report);
        if (report.claimed === 0) await this.pause(this.options.idleMs);
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'campaign delivery batch failed; trying again shortly');
        await this.pause(this.options.idleMs);
      }
    }
  }

  private async afterBatch(report: BatchReport): Promise<void> {
    if (report.claimed > 0) this.logger.info({ claimed: report.claimed, ...report.results }, 'campaign deliveries');
    for (const run of report.finishedRuns) {
      await this.onRunFinished(run).catch((error: unknown) =>
        this.logger.error({ runId: run.id, err: error instanceof Error ? error.message : String(error) }, 'the run summary could not be sent'),
      );
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(1, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

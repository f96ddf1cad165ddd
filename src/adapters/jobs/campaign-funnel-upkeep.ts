import { messageOf } from '../../domain/errors';

export interface FunnelUpkeepOptions {
  /** Most changes counted at a time; a full batch means more wait, and the next is counted at once. */
  batch: number;
  /** The pause after catching up, doubling while nothing changes, up to maxIdleMs. */
  idleMs: number;
  maxIdleMs: number;
  /** Once this many changes were counted, the tables are tidied the next time the loop has caught up. */
  tidyAfter: number;
}

export interface FunnelUpkeepLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * Counts the campaigns' noted changes in the background, so that a status card or the list finds little or nothing
 * left to count when it reads (it counts what is left itself). Every instance may run it: the counting takes turns in
 * the database. A failure is logged and the loop goes on after a pause; the notes wait for the next try.
 *
 * Counting replaces rows all the time (each note is deleted once counted, each person's facts rewritten): after many,
 * once caught up, `tidy` reclaims what they left behind, which would otherwise slow the reads.
 */
export class CampaignFunnelUpkeep {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly work: { catchUp: (most: number) => Promise<number>; tidy: () => Promise<void> },
    private readonly options: FunnelUpkeepOptions,
    private readonly logger: FunnelUpkeepLogger,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Lets the batch being counted finish, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let idleMs = this.options.idleMs;
    let untidy = 0;
    while (!this.stopping) {
      let counted = 0;
      try {
        counted = await this.work.catchUp(this.options.batch);
        untidy += counted;
        if (counted < this.options.batch && untidy >= this.options.tidyAfter) {
          untidy = 0;
          await this.work.tidy();
        }
      } catch (error) {
        this.logger.error({ error: messageOf(error) }, 'counting campaign funnel changes failed; trying again shortly');
      }
      if (counted >= this.options.batch) continue;
      idleMs = counted > 0 ? this.options.idleMs : Math.min(this.options.maxIdleMs, idleMs * 2);
      await this.pause(counted > 0 ? this.options.idleMs : idleMs);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms)).unref();
      this.wake = done;
    });
  }
}

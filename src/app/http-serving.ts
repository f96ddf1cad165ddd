import type * as restify from 'restify';
import type { TeamsBot } from '../adapters/bot/teams-bot';
import type { DownloadSource } from './export-routes';

export interface Readiness {
  database(): Promise<boolean>;
  jobs(): Promise<boolean>;
  /** The campaign delivery loop's watchdog: unhealthy while the loop makes no progress. */
  delivery?(): { healthy: boolean; idleForMs: number; restarts: number };
  /** The last doctor run in one line ("7 ok, 1 warning, 0 failing", or "not run yet"): read, never run, by /readyz. */
  doctor?(): string;
}

/** What the server serves once the app is wired. */
export interface HttpServices {
  bot: TeamsBot;
  readiness: Readiness;
  downloads?: DownloadSource;
  /** The figures GET /metrics serves, in Prometheus' text format. */
  metrics?: { text(): Promise<string>; contentType: string };
}

/**
 * What the routes share: what is served (nothing until the app is wired), whether a stop has begun, and the
 * turns still running, for a graceful stop.
 */
export class ServingState {
  draining = false;
  private services: HttpServices | undefined;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  open(services: HttpServices): void {
    this.services = services;
  }

  /** Whether the app is wired yet. */
  get wired(): HttpServices | undefined {
    return this.services;
  }

  /** What is served, or undefined once a 503 is sent: the app is starting, or (for turns) stopping. */
  serving(res: restify.Response, turns: boolean): HttpServices | undefined {
    if (this.services && !(turns && this.draining)) return this.services;
    res.header('Retry-After', '5');
    res.send(503, { error: this.services ? 'shutting down' : 'starting' });
    return undefined;
  }

  /** Counts a turn while it runs: a stop waits for it. */
  async during<T>(turn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await turn();
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  /** Takes no new turns from now on; resolves true once the running ones ended, false at the timeout. */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drained = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

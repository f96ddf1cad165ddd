import { DEFAULT_THROTTLE, GRAPH_SERVICES, type GraphService, type ThrottleSetting, type ThrottleSettings } from './graph-service';

export type ThrottleDecision = { allowed: true } | { allowed: false; waitMs: number; unscaledSeconds: number };

/**
 * A sliding-window request limit per service (one tenant per emulator, so per service is per app per tenant).
 * Only accepted requests take a slot: a client hammering through 429s does not extend its own penalty, and
 * the Retry-After it gets is exact (when the oldest accepted request leaves the window).
 */
export class ServiceThrottle {
  private settings: Record<GraphService, ThrottleSetting | null>;
  private readonly accepted = new Map<GraphService, number[]>();

  constructor(
    private readonly initial: ThrottleSettings,
    /** Real time per emulated time: 0.01 makes a 10 s window last 100 ms. */
    private readonly timeScale: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.settings = { ...DEFAULT_THROTTLE, ...initial };
    for (const [service, setting] of Object.entries(this.settings)) validate(service, setting);
  }

  /** Replaces one service's limit (null = unlimited) and forgets its window. */
  set(service: GraphService, setting: ThrottleSetting | null): void {
    if (!GRAPH_SERVICES.includes(service)) throw new RangeError(`unknown Graph service '${service}' (known: ${GRAPH_SERVICES.join(', ')})`);
    validate(service, setting);
    this.settings[service] = setting;
    this.accepted.delete(service);
  }

  get(service: GraphService): ThrottleSetting | null {
    return this.settings[service];
  }

  take(service: GraphService): ThrottleDecision {
    const setting = this.settings[service];
    if (!setting) return { allowed: true };
    const windowMs = setting.windowSeconds * 1000 * this.timeScale;
    const now = this.now();
    const log = this.accepted.get(service) ?? [];
    while (log.length > 0 && (log[0] as number) <= now - windowMs) log.shift();
    if (log.length >= setting.limit) {
      const waitMs = (log[0] as number) + windowMs - now;
      return { allowed: false, waitMs, unscaledSeconds: waitMs / 1000 / this.timeScale };
    }
    log.push(now);
    this.accepted.set(service, log);
    return { allowed: true };
  }

  /** Back to the settings the emulator started with, all windows empty. */
  reset(): void {
    this.settings = { ...DEFAULT_THROTTLE, ...this.initial };
    this.accepted.clear();
  }
}

function validate(service: string, setting: ThrottleSetting | null | undefined): void {
  if (!setting) return;
  if (!Number.isInteger(setting.limit) || setting.limit < 1 || !(setting.windowSeconds > 0)) {
    throw new RangeError(`throttle for '${service}' needs an integer limit >= 1 and windowSeconds > 0`);
  }
}

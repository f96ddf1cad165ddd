import type { ConnectorEmulator } from '../emulators/connector';
import type { FaultProxy } from '../test/support/fault-proxy';

/**
 * The faults of `npm run bench:chaos`, injected at random (from a seed, so a run can be repeated) once a second
 * while a campaign runs: connections to PostgreSQL and to the Bot Connector dropped, delayed and black-holed
 * through the fault proxies, and sends the Connector answers 502/504 after it delivered the card (or 503 before).
 *
 * Connection faults are drawn per second. The Connector's answers are drawn per send: 0.08% of sends are answered
 * 502/504 after the card was delivered, 0.04% are answered 503, the same shares as the first design's 4% and 2% a
 * second at 50 sends a second. (Drawn per second they piled up while nothing was being sent and all hit the first
 * sends of a run that started late.) Every send caught in a Connector fault that leaves it unknown whether the card
 * arrived is, rightly, "uncertain" (never resent), so uncertain can be no lower than the number of those sends: the
 * bench reports it as uncertain_floor. With the connection faults (a drop every 100 s and a black hole every 200 s,
 * each catching the sends on their way), the design puts that floor near 0.3% of the sends. The database faults
 * are harsher (a drop every 12 s, a black hole every 30 s, on average): a database that misbehaves must cost time,
 * never a card lost, sent twice or made uncertain.
 */
export interface ChaosTargets {
  database: FaultProxy;
  connectorProxy: FaultProxy;
  connector: ConnectorEmulator;
  /** How many card sends the Connector has been asked for so far (whatever it answered). */
  sends: () => number;
}

export interface ChaosCounts {
  database_drops: number;
  database_blackholes: number;
  database_delays: number;
  connector_drops: number;
  connector_blackholes: number;
  connector_5xx_after_accepting: number;
  connector_503_before_accepting: number;
}

/** A small seeded generator (mulberry32): the same seed, the same faults at the same seconds. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startChaos(targets: ChaosTargets, seed: number): { stop(): ChaosCounts } {
  const random = seeded(seed);
  const counts: ChaosCounts = {
    database_drops: 0,
    database_blackholes: 0,
    database_delays: 0,
    connector_drops: 0,
    connector_blackholes: 0,
    connector_5xx_after_accepting: 0,
    connector_503_before_accepting: 0,
  };
  const timers = new Set<NodeJS.Timeout>();
  const after = (ms: number, then: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      then();
    }, ms);
    timers.add(timer);
  };
  const chance = (p: number) => random() < p;

  /** Drops, black holes and (when given) delays on one proxy, drawn in that order each second. */
  const shake = (
    proxy: FaultProxy,
    odds: { drop: number; blackhole: number; blackholeMs: () => number; delay?: number },
    counted: { drops: keyof ChaosCounts; blackholes: keyof ChaosCounts; delays?: keyof ChaosCounts },
  ) => {
    if (chance(odds.drop)) {
      proxy.drop();
      counts[counted.drops]++;
    }
    if (proxy.mode === 'pass' && chance(odds.blackhole)) {
      proxy.mode = 'blackhole';
      counts[counted.blackholes]++;
      after(odds.blackholeMs(), () => (proxy.mode = 'pass'));
    }
    if (odds.delay !== undefined && counted.delays && proxy.delayMs === 0 && chance(odds.delay)) {
      proxy.delayMs = 20 + Math.round(random() * 80);
      counts[counted.delays]++;
      after(3000, () => (proxy.delayMs = 0));
    }
  };

  let sendsSeen = 0;
  const tick = setInterval(() => {
    const { database, connectorProxy, connector } = targets;
    shake(
      database,
      { drop: 0.08, blackhole: 0.03, blackholeMs: () => 500 + random() * 2500, delay: 0.1 },
      { drops: 'database_drops', blackholes: 'database_blackholes', delays: 'database_delays' },
    );
    shake(
      connectorProxy,
      { drop: 0.01, blackhole: 0.005, blackholeMs: () => 150 },
      { drops: 'connector_drops', blackholes: 'connector_blackholes' },
    );
    // One draw per send made since the last tick; the fault goes to one of the next sends.
    const sends = targets.sends();
    for (; sendsSeen < sends; sendsSeen++) {
      if (chance(0.0008)) {
        connector.injectFaults({ count: 1, status: chance(0.5) ? 502 : 504, afterAccepting: true, method: 'POST', path: /\/activities/ });
        counts.connector_5xx_after_accepting++;
      }
      if (chance(0.0004)) {
        connector.injectFaults({ count: 1, status: 503, method: 'POST', path: /\/activities/ });
        counts.connector_503_before_accepting++;
      }
    }
  }, 1000);

  return {
    stop() {
      clearInterval(tick);
      for (const timer of timers) clearTimeout(timer);
      targets.database.mode = 'pass';
      targets.database.delayMs = 0;
      targets.connectorProxy.mode = 'pass';
      targets.connectorProxy.delayMs = 0;
      return { ...counts };
    },
  };
}

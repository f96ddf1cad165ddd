import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that misbehaves on demand, between the bot and a service it depends on (PostgreSQL, the Bot
 * Connector): for tests and the chaos bench, since no fault-proxy server can be installed here.
 *
 * - `pass`: bytes flow both ways, after `delayMs` if set.
 * - `blackhole`: connections stay open and nothing flows either way (a server that stopped answering, a cut cable).
 *   New connections are accepted and then hang too, as behind a firewall that drops packets.
 * - `refuse`: new connections are closed at once (a server that is down); open ones are not touched.
 * - `drop()`: every open connection is reset now (a restart, a failover).
 *
 * For a request-reply protocol such as HTTP it also counts `requestsCut`: connections reset, or black-holed, while
 * a request sent on them had no answer yet. Whether such a request reached the service cannot be known by the
 * client (the chaos bench uses it as the least number of sends a correct sender must record as uncertain).
 */
export type FaultMode = 'pass' | 'blackhole' | 'refuse';

export interface FaultProxy {
  /** host:port to connect to instead of the target. */
  readonly host: string;
  readonly port: number;
  mode: FaultMode;
  /** Added to every chunk in `pass` mode, in ms. */
  delayMs: number;
  /** Resets every open connection; returns how many there were. */
  drop(): number;
  /** Faults injected so far (connections dropped, refused, black-holed). */
  readonly faults: number;
  /** Connections dropped or black-holed while a request on them awaited its answer. */
  readonly requestsCut: number;
  /** Open client connections right now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  awaiting: boolean;
  cut: boolean;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  /** `awaiting`: the client sent bytes the service has not answered yet; `cut`: counted in requestsCut. */
  const pairs = new Set<Pair>();
  let faults = 0;
  let requestsCut = 0;
  const state = { mode: 'pass' as FaultMode, delayMs: 0 };

  const relay = (pair: Pair, direction: 'request' | 'answer') => {
    const [from, to] = direction === 'request' ? [pair.client, pair.upstream] : [pair.upstream, pair.client];
    from.on('data', (chunk: Buffer) => {
      if (direction === 'request') pair.awaiting = true;
      if (state.mode === 'blackhole') {
        faults++;
        if (pair.awaiting && !pair.cut) {
          pair.cut = true;
          requestsCut++;
        }
        return;
      }
      if (direction === 'answer') pair.awaiting = false;
      if (state.delayMs > 0) {
        // The delay is the fault being injected (a slow link), not a wait of the test's own.
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          from.resume();
        }, state.delayMs);
      } else if (!to.destroyed) {
        to.write(chunk);
      }
    });
  };

  const server: Server = createServer((client) => {
    if (state.mode === 'refuse') {
      faults++;
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(target);
    const pair: Pair = { client, upstream, awaiting: false, cut: false };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    relay(pair, 'request');
    relay(pair, 'answer');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    get mode() {
      return state.mode;
    },
    set mode(mode: FaultMode) {
      state.mode = mode;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    drop() {
      const count = pairs.size;
      for (const pair of [...pairs]) {
        if (pair.awaiting && !pair.cut) requestsCut++;
        pair.client.resetAndDestroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      faults += count;
      return count;
    },
    get faults() {
      return faults;
    },
    get requestsCut() {
      return requestsCut;
    },
    get openConnections() {
      return pairs.size;
    },
    close: async () => {
      for (const { client, upstream } of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

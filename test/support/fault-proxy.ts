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
  /** Open client connections right now. */
  readonly openConnections: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let faults = 0;
  const state = { mode: 'pass' as FaultMode, delayMs: 0 };

  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (state.mode === 'blackhole') {
        faults++;
        return;
      }
      if (state.delayMs > 0) {
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
    const pair = { client, upstream };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    relay(client, upstream);
    relay(upstream, client);
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
      for (const { client, upstream } of [...pairs]) {
        client.resetAndDestroy();
        upstream.destroy();
      }
      pairs.clear();
      faults += count;
      return count;
    },
    get faults() {
      return faults;
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

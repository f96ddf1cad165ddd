import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { eventually } from '../../support/eventually';

/**
 * The fault proxy's count of requests cut is the chaos bench's floor for uncertain sends: it must count a request
 * that was waiting for its answer when its connection was dropped or black-holed, and nothing else.
 */
describe('fault proxy: requests cut', () => {
  let service: Server;
  let proxy: FaultProxy;
  let answerNext: Array<() => void> = [];

  beforeEach(async () => {
    answerNext = [];
    // Answers a request only when the test says so, so that a request can be held in flight.
    service = createServer((req, res) => {
      req.resume();
      req.on('end', () => answerNext.push(() => res.end('ok')));
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    proxy = await startFaultProxy({ host: '127.0.0.1', port: (service.address() as AddressInfo).port });
  });

  afterEach(async () => {
    await proxy.close();
    service.closeAllConnections();
    await new Promise<void>((resolve) => service.close(() => resolve()));
  });

  /** Sends a POST through the proxy; resolves with the answer's status, or the error that ended it. */
  function post(timeoutMs = 5000): Promise<number | string> {
    return new Promise((resolve) => {
      const req = request({ host: proxy.host, port: proxy.port, method: 'POST', path: '/', timeout: timeoutMs }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (error) => resolve(error.message));
      req.end('{"type":"message"}');
    });
  }

  const until = (condition: () => boolean) => eventually('the request reached the server', condition, { intervalMs: 5 });

  it('does not count a request that got its answer, nor an idle connection dropped', async () => {
    const answered = post();
    await until(() => answerNext.length === 1);
    answerNext.shift()!();
    await expect(answered).resolves.toBe(200);
    proxy.drop();
    expect(proxy.requestsCut).toBe(0);
  });

  it('counts a request whose connection is dropped before its answer', async () => {
    const cut = post();
    await until(() => answerNext.length === 1);
    expect(proxy.drop()).toBe(1);
    await expect(cut).resolves.toMatch(/socket hang up|ECONNRESET/);
    expect(proxy.requestsCut).toBe(1);
  });

  it('counts a request black-holed on its way or on its answer once each', async () => {
    const held = post(300);
    await until(() => answerNext.length === 1);
    proxy.mode = 'blackhole';
    answerNext.shift()!();
    const swallowed = post(300);
    await expect(held).resolves.toBe('timed out');
    await expect(swallowed).resolves.toBe('timed out');
    expect(answerNext).toHaveLength(0);
    expect(proxy.requestsCut).toBe(2);
  });
});

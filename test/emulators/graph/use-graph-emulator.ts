import { startGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from '../../../emulators/graph';

/**
 * The Graph emulator a test file shares: started before the file's tests, back to how it started after each test
 * (tenant state, throttle windows, pending faults, stats), closed after the last. The handle it returns stands for
 * that emulator inside the tests; read it there, not at the top level of the file, where it has not started yet.
 */
export function useGraphEmulator(options: GraphEmulatorOptions): GraphEmulator {
  let started: GraphEmulator | undefined;
  const emulator = (): GraphEmulator => {
    if (!started) throw new Error('the Graph emulator starts before the tests: use it inside them');
    return started;
  };
  beforeAll(async () => {
    started = await startGraphEmulator(options);
  });
  afterEach(() => started?.reset());
  afterAll(() => started?.close());
  return {
    get url() {
      return emulator().url;
    },
    get graphUrl() {
      return emulator().graphUrl;
    },
    get port() {
      return emulator().port;
    },
    get state() {
      return emulator().state;
    },
    stats: () => emulator().stats(),
    injectFaults: (spec) => emulator().injectFaults(spec),
    setThrottle: (service, setting) => emulator().setThrottle(service, setting),
    addMethod: (user, method) => emulator().addMethod(user, method),
    reset: () => emulator().reset(),
    close: () => emulator().close(),
  };
}

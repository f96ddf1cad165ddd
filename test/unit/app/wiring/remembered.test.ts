import { rememberedFor } from '../../../../src/app/wiring/remembered';

/** A read the test answers by hand, one call at a time, on a clock the test moves. */
function setUp() {
  let clock = new Date('2026-12-07T10:00:00.000Z');
  const pending: { resolve(value: string): void; reject(error: Error): void }[] = [];
  const read = jest.fn(() => new Promise<string>((resolve, reject) => pending.push({ resolve, reject })));
  const remembered = rememberedFor(5 * 60_000, () => clock, read);
  const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { remembered, read, pending, later, settled };
}

/** Set up with `value` read and remembered, then the clock moved past the five minutes. */
async function expiredWith(value: string) {
  const setup = setUp();
  const first = setup.remembered();
  setup.pending[0]!.resolve(value);
  await first;
  setup.later(6);
  return setup;
}

describe('rememberedFor', () => {
  it('makes the first asker wait for the read, and the next ones within the time get it without a read', async () => {
    const { remembered, read, pending, later } = setUp();
    const first = remembered();
    pending[0]!.resolve('97% covered');
    expect(await first).toBe('97% covered');
    later(4);
    expect(await remembered()).toBe('97% covered');
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('once expired, answers the remembered value at once and reads again behind it, once, then answers the new one', async () => {
    const { remembered, read, pending, settled } = await expiredWith('old');

    expect(await remembered()).toBe('old');
    expect(await remembered()).toBe('old');
    expect(read).toHaveBeenCalledTimes(2);

    pending[1]!.resolve('new');
    await settled();
    expect(await remembered()).toBe('new');
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('keeps the remembered value when a fresh read fails, and tries again at the next ask', async () => {
    const { remembered, read, pending, settled } = await expiredWith('old');
    expect(await remembered()).toBe('old');
    pending[1]!.reject(new Error('Graph 503'));
    await settled();

    expect(await remembered()).toBe('old');
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('never remembers a failure: with nothing remembered, the asker sees it and the next one reads again', async () => {
    const { remembered, read, pending } = setUp();
    const first = remembered();
    pending[0]!.reject(new Error('Graph 503'));
    await expect(first).rejects.toThrow('Graph 503');
    const second = remembered();
    pending[1]!.resolve('read');
    expect(await second).toBe('read');
    expect(read).toHaveBeenCalledTimes(2);
  });
});

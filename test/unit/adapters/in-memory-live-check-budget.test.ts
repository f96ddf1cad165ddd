import { InMemoryLiveCheckBudget } from '../../../src/adapters/in-memory-live-check-budget';

const start = new Date('2026-11-24T10:00:00Z');
const after = (ms: number) => new Date(start.getTime() + ms);

describe('InMemoryLiveCheckBudget', () => {
  it('grants three checks in a minute, then says when the next one is allowed, with what the latest found', () => {
    const budget = new InMemoryLiveCheckBudget();
    expect(budget.take('adele', start)).toEqual({ kind: 'granted' });
    budget.remember('adele', { methods: ['sms'], checkedAt: start });
    expect(budget.take('adele', after(10_000))).toEqual({ kind: 'granted' });
    budget.remember('adele', { methods: ['authenticatorPush'], checkedAt: after(10_000) });
    expect(budget.take('adele', after(20_000))).toEqual({ kind: 'granted' });

    expect(budget.take('adele', after(30_000))).toEqual({
      kind: 'limited',
      retryAt: after(60_000),
      last: { methods: ['authenticatorPush'], checkedAt: after(10_000) },
    });
    // A refused attempt is not counted: the wait does not grow while they keep pressing.
    expect(budget.take('adele', after(59_999))).toMatchObject({ kind: 'limited', retryAt: after(60_000) });
    expect(budget.take('adele', after(60_000))).toEqual({ kind: 'granted' });
  });

  it('keeps each person to their own share', () => {
    const budget = new InMemoryLiveCheckBudget();
    for (let i = 0; i < 3; i++) budget.take('adele', start);
    expect(budget.take('adele', start).kind).toBe('limited');
    expect(budget.take('alex', start)).toEqual({ kind: 'granted' });
  });

  it('keeps the later of two results that came back out of order', () => {
    const budget = new InMemoryLiveCheckBudget([{ max: 2, windowMs: 60_000 }]);
    budget.take('adele', start);
    budget.take('adele', start);
    budget.remember('adele', { methods: ['authenticatorPush'], checkedAt: after(2_000) });
    budget.remember('adele', { methods: [], checkedAt: after(1_000) });
    expect(budget.take('adele', after(3_000))).toMatchObject({ last: { methods: ['authenticatorPush'] } });
  });

  it('forgets people (and their last result) an hour after their latest check', () => {
    const budget = new InMemoryLiveCheckBudget();
    for (let i = 0; i < 500; i++) budget.take(`person-${i}`, start);
    budget.remember('person-0', { methods: ['sms'], checkedAt: start });
    expect(budget.size).toBe(500);

    budget.take('someone-new', after(3_600_000));
    expect(budget.size).toBe(1);
    for (let i = 0; i < 3; i++) budget.take('person-0', after(3_600_000));
    expect(budget.take('person-0', after(3_600_000))).not.toHaveProperty('last');
  });

  it('stops the start on a limit that allows nothing', () => {
    expect(() => new InMemoryLiveCheckBudget([{ max: 0, windowMs: 60_000 }])).toThrow(RangeError);
  });
});

import { campaignFunnel, type DeliveryFact } from '../../../../src/domain/campaigns/campaign-funnel';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + minutes * 60_000);
const fact = (over: Partial<DeliveryFact> & Pick<DeliveryFact, 'userId' | 'status'>): DeliveryFact => ({
  runId: 'r1',
  opened: false,
  answered: false,
  snoozed: false,
  ...over,
});

describe('the campaign funnel', () => {
  it('counts each stage per person, failures by reason, and the median time from the first nudge to strong MFA', () => {
    const funnel = campaignFunnel([
      fact({ userId: 'a', status: 'sent', sentAt: at(0), opened: true, enrolledAt: at(30) }),
      fact({ userId: 'b', status: 'sent', sentAt: at(0), opened: true, snoozed: true }),
      fact({ userId: 'c', status: 'sent', sentAt: at(10), enrolledAt: at(100) }),
      fact({ userId: 'd', status: 'failed', reason: 'blocked' }),
      fact({ userId: 'e', status: 'failed', reason: 'blocked' }),
      fact({ userId: 'f', status: 'failed', reason: 'notInstallable' }),
      fact({ userId: 'g', status: 'pending' }),
      fact({ userId: 'h', status: 'uncertain' }),
      fact({ userId: 'i', status: 'skipped', reason: 'enrolled' }),
      fact({ userId: 'j', status: 'cancelled' }),
    ]);
    expect(funnel).toEqual({
      targeted: 10,
      delivered: 3,
      waiting: 1,
      failed: 3,
      failedBy: { blocked: 2, notInstallable: 1 },
      uncertain: 1,
      skipped: 1,
      cancelled: 1,
      opened: 2,
      snoozed: 1,
      enrolled: 2,
      medianMinutesToEnrol: 60,
      waitingDetail: { byReason: [{ reason: 'due', people: 1 }], next: [{ userId: 'g', reason: 'due' }] },
    });
  });

  it('says why each waiting person waits and when they are due, counted by reason, the soonest first', () => {
    const funnel = campaignFunnel([
      fact({ userId: 'w1', status: 'pending', reason: 'sendingHours', dueAt: at(600), displayName: 'Wendy' }),
      fact({ userId: 'w2', status: 'pending', reason: 'sendingHours', dueAt: at(300), displayName: 'Walt' }),
      fact({ userId: 'c1', status: 'pending', reason: 'frequencyCap', dueAt: at(2880), displayName: 'Cara' }),
      fact({ userId: 't1', status: 'pending', reason: 'throttled', dueAt: at(1) }),
      fact({ userId: 'r1', status: 'pending', reason: 'Bot Connector answered 503', dueAt: at(2) }),
      fact({ userId: 's1', status: 'sending', dueAt: at(0) }),
      fact({ userId: 'z1', status: 'pending', reason: 'snoozed', dueAt: at(4000) }),
      // Reached in an earlier run, waiting in this one: delivered counts, not waiting.
      fact({ runId: 'r0', userId: 'x1', status: 'sent', sentAt: at(-1440) }),
      fact({ userId: 'x1', status: 'pending', reason: 'sendingHours', dueAt: at(10) }),
    ]);
    expect(funnel.waiting).toBe(7);
    expect(funnel.waitingDetail?.byReason).toEqual([
      { reason: 'window', people: 2, soonest: at(300) },
      { reason: 'cap', people: 1, soonest: at(2880) },
      { reason: 'snoozed', people: 1, soonest: at(4000) },
      { reason: 'teamsRate', people: 1, soonest: at(1) },
      { reason: 'retry', people: 1, soonest: at(2) },
      { reason: 'sending', people: 1, soonest: at(0) },
    ]);
    expect(funnel.waitingDetail?.next.map((person) => [person.userId, person.reason])).toEqual([
      ['s1', 'sending'],
      ['t1', 'teamsRate'],
      ['r1', 'retry'],
      ['w2', 'window'],
      ['w1', 'window'],
    ]);
    expect(funnel.waitingDetail?.next[3]).toEqual({ userId: 'w2', displayName: 'Walt', reason: 'window', at: at(300) });
  });

  it('counts a person nudged in several runs once, at the furthest they got, timing from their first nudge', () => {
    const funnel = campaignFunnel([
      fact({ runId: 'r1', userId: 'a', status: 'failed', reason: 'failed' }),
      fact({ runId: 'r2', userId: 'a', status: 'sent', sentAt: at(1440) }),
      fact({ runId: 'r1', userId: 'b', status: 'sent', sentAt: at(0) }),
      fact({ runId: 'r2', userId: 'b', status: 'sent', sentAt: at(1440), opened: true, enrolledAt: at(1500) }),
    ]);
    expect(funnel).toMatchObject({
      targeted: 2,
      delivered: 2,
      failed: 0,
      failedBy: {},
      opened: 1,
      enrolled: 1,
      medianMinutesToEnrol: 1500,
    });
  });

  it('has no median when nobody has enrolled, and an empty funnel for no deliveries', () => {
    expect(campaignFunnel([fact({ userId: 'a', status: 'sent', sentAt: at(0) })])).not.toHaveProperty('medianMinutesToEnrol');
    expect(campaignFunnel([])).toMatchObject({ targeted: 0, delivered: 0, enrolled: 0 });
  });

  it('takes the middle of an even number of times as the mean of the two middle ones', () => {
    const funnel = campaignFunnel(
      [10, 20, 40, 1000].map((minutes, i) => fact({ userId: `p${i}`, status: 'sent', sentAt: at(0), enrolledAt: at(minutes) })),
    );
    expect(funnel.medianMinutesToEnrol).toBe(30);
  });
});

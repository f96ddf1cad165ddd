import { dueEscalations } from '../../../../src/domain/campaigns/campaign-escalation';
import type { DeliveryFact } from '../../../../src/domain/campaigns/campaign-funnel';

const at = (hours: number) => new Date(Date.UTC(2026, 11, 1, 9) + hours * 3600_000);
const sent = (userId: string, hoursAgo: number, over: Partial<DeliveryFact> = {}): DeliveryFact => ({
  runId: `r${hoursAgo}`,
  userId,
  status: 'sent',
  sentAt: at(-hoursAgo),
  opened: false,
  answered: false,
  snoozed: false,
  userPrincipalName: `${userId}@contoso.example`,
  displayName: userId.toUpperCase(),
  managerId: 'boss',
  ...over,
});
const now = at(0);
const dayAgo = new Date(now.getTime() - 24 * 3600_000);

describe('who is escalated to their manager', () => {
  it('lists people with K unanswered nudges that had a day to be answered, grouped by their own manager', () => {
    const due = dueEscalations(
      [
        sent('ann', 72),
        sent('ann', 48),
        sent('bob', 72, { managerId: 'other-boss' }),
        sent('bob', 48, { managerId: 'other-boss' }),
        sent('cat', 72),
        sent('cat', 2),
      ],
      2,
      dayAgo,
      new Set(),
    );
    expect([...due.keys()].sort()).toEqual(['boss', 'other-boss']);
    expect(due.get('boss')).toEqual([{ userId: 'ann', displayName: 'ANN', userPrincipalName: 'ann@contoso.example', unansweredNudges: 2 }]);
    expect(due.get('other-boss')!.map((r) => r.userId)).toEqual(['bob']);
  });

  it('leaves out whoever answered, enrolled, was told about already, has no manager, or whose nudges never arrived', () => {
    const due = dueEscalations(
      [
        sent('answered', 72, { answered: true }),
        sent('enrolled', 72, { enrolledAt: at(-1) }),
        sent('told', 72),
        sent('orphan', 72, { managerId: undefined }),
        sent('own-manager', 72, { managerId: 'own-manager' }),
        sent('blocked', 72, { status: 'failed', reason: 'blocked', sentAt: undefined }),
        sent('waiting', 72, { status: 'pending', sentAt: undefined }),
        sent('due', 72),
      ],
      1,
      dayAgo,
      new Set(['told']),
    );
    expect([...due.values()].flat().map((r) => r.userId)).toEqual(['due']);
  });

  it('counts unanswered nudges only: a snooze on one and silence on two later ones is two', () => {
    const due = dueEscalations(
      [sent('dan', 96, { answered: true, snoozed: true }), sent('dan', 72), sent('dan', 48)],
      2,
      dayAgo,
      new Set(),
    );
    expect(due.get('boss')?.[0]?.unansweredNudges).toBe(2);
    expect(dueEscalations([sent('dan', 96, { answered: true }), sent('dan', 72)], 2, dayAgo, new Set()).size).toBe(0);
  });
});

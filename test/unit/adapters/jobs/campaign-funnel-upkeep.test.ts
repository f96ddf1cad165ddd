import { CampaignFunnelUpkeep } from '../../../../src/adapters/jobs/campaign-funnel-upkeep';
import { eventually } from '../../../support/eventually';

/** A backlog of noted changes, counted `most` at a time; each call is remembered, and so is each tidying. */
function backlog(size: number) {
  const calls: (number | 'tidy')[] = [];
  let left = size;
  const catchUp = async (most: number) => {
    calls.push(most);
    const counted = Math.min(most, left);
    left -= counted;
    return counted;
  };
  const tidy = async () => {
    calls.push('tidy');
  };
  return { work: { catchUp, tidy }, calls, left: () => left, add: (more: number) => (left += more) };
}

const silent = { error: jest.fn() };
const NEVER_TIDY = Number.MAX_SAFE_INTEGER;

describe('CampaignFunnelUpkeep', () => {
  it('counts a backlog batch after batch without pausing, then pauses once it is caught up', async () => {
    const changes = backlog(2500);
    const upkeep = new CampaignFunnelUpkeep(
      changes.work,
      { batch: 1000, idleMs: 60_000, maxIdleMs: 60_000, tidyAfter: NEVER_TIDY },
      silent,
    );

    upkeep.start();
    await eventually('the backlog was counted', () => changes.left() === 0);
    await upkeep.stop();

    // Two full batches, then the 500 left: three calls, and the pause after them is a minute long.
    expect(changes.calls).toEqual([1000, 1000, 1000]);
  });

  it('tidies once caught up after counting enough, not in the middle of a backlog', async () => {
    const changes = backlog(2500);
    const upkeep = new CampaignFunnelUpkeep(changes.work, { batch: 1000, idleMs: 60_000, maxIdleMs: 60_000, tidyAfter: 1500 }, silent);

    upkeep.start();
    await eventually('it tidied', () => changes.calls.includes('tidy'));
    await upkeep.stop();

    expect(changes.calls).toEqual([1000, 1000, 1000, 'tidy']);
  });

  it('looks again after its pause, and stops at once though the pause is long', async () => {
    const changes = backlog(0);
    const upkeep = new CampaignFunnelUpkeep(changes.work, { batch: 1000, idleMs: 5, maxIdleMs: 20, tidyAfter: NEVER_TIDY }, silent);

    upkeep.start();
    await eventually('it looked a few times', () => changes.calls.length >= 3);
    changes.add(10);
    await eventually('the new changes were counted', () => changes.left() === 0);
    const slow = new CampaignFunnelUpkeep(
      backlog(0).work,
      { batch: 1000, idleMs: 3_600_000, maxIdleMs: 3_600_000, tidyAfter: NEVER_TIDY },
      silent,
    );
    slow.start();
    const stopping = Promise.all([upkeep.stop(), slow.stop()]);

    await expect(
      Promise.race([stopping.then(() => 'stopped'), new Promise((resolve) => setTimeout(resolve, 5_000, 'hung'))]),
    ).resolves.toBe('stopped');
  });

  it('logs a failed count and tries again', async () => {
    const errors: string[] = [];
    let attempts = 0;
    const work = {
      catchUp: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('the database went away');
        return 0;
      },
      tidy: async () => {},
    };
    const upkeep = new CampaignFunnelUpkeep(
      work,
      { batch: 1000, idleMs: 5, maxIdleMs: 5, tidyAfter: NEVER_TIDY },
      {
        error: (details) => errors.push(String(details.error)),
      },
    );

    upkeep.start();
    await eventually('it tried again', () => attempts >= 2);
    await upkeep.stop();

    expect(errors).toEqual(['the database went away']);
  });
});

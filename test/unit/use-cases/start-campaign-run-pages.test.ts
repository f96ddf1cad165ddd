import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import { startCampaignRun, type StartRunDeps } from '../../../src/use-cases/start-campaign-run';
import { checkCampaignAudience } from '../../../src/use-cases/preview-campaign';
import { campaignPlan } from '../../fakes/campaign-plan';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { InMemoryPostureStore } from '../../fakes/in-memory-posture-store';
import { completedScanOf } from '../../support/completed-scan';

const NOW = new Date('2026-12-01T10:00:00Z');
const owner = { id: 'm1', name: 'Megan' };
/** The audience's page (choose-campaign-audience.ts): a larger audience is added in several. */
const PAGE = 1_000;

/** `count` people with no MFA (none-0000, …) in Sales, and 100 with Authenticator, who are never in the audience. */
function tenant(count: number, prefix = 'none'): FakeUser[] {
  return [
    ...Array.from({ length: count }, (_, i) => fakeUser(`${prefix}-${String(i).padStart(4, '0')}`, { department: 'Sales' })),
    ...Array.from({ length: 100 }, (_, i) => fakeUser(`strong-${i}`, { department: 'Sales', methods: ['authenticatorPush'] })),
  ];
}

const plan: CampaignPlan = campaignPlan({ audience: { gaps: 'none', scope: { kind: 'all' }, excluded: [] } });

describe('a large audience, a page at a time', () => {
  let posture: InMemoryPostureStore;
  let campaigns: ReturnType<typeof inMemoryCampaignStore>['store'];
  let pagesAdded: number[];
  let told: number;
  let deps: StartRunDeps;

  beforeEach(async () => {
    posture = new InMemoryPostureStore();
    campaigns = inMemoryCampaignStore().store;
    pagesAdded = [];
    told = 0;
    const addDeliveries = campaigns.addDeliveries.bind(campaigns);
    deps = {
      campaigns: {
        ...campaigns,
        get: campaigns.get.bind(campaigns),
        startRun: campaigns.startRun.bind(campaigns),
        audienceAdded: campaigns.audienceAdded.bind(campaigns),
        finishRunIfDone: campaigns.finishRunIfDone.bind(campaigns),
        addDeliveries: async (runId, deliveries) => {
          pagesAdded.push(deliveries.length);
          return addDeliveries(runId, deliveries);
        },
      },
      posture,
      groupMembers: async () => undefined,
      smtpOwners: async () => undefined,
      now: () => NOW,
      pageAdded: () => (told += 1),
    };
    await completedScanOf(posture, tenant(2_500), NOW);
  });

  /** Once the first page is read, a newer scan of 1,200 other people completes: the one being read is forgotten. */
  function replaceTheScanAfterItsFirstPage() {
    const usersOfScan = posture.usersOfScan.bind(posture);
    let replaced = false;
    posture.usersOfScan = async (scanId, after, limit) => {
      if (after && !replaced) {
        replaced = true;
        await completedScanOf(posture, tenant(1_200, 'later'), NOW);
      }
      return usersOfScan(scanId, after, limit);
    };
  }

  it('adds 2,500 people in pages of at most a thousand, tells the engine after each, and marks the audience added last', async () => {
    const campaign = await campaigns.create(plan, owner, NOW);
    const result = await startCampaignRun(deps, campaign.id, NOW);
    expect(result).toMatchObject({ kind: 'started', targeted: 2_500, run: { audienceAddedAt: NOW, status: 'delivering' } });
    expect(Math.max(...pagesAdded)).toBeLessThanOrEqual(PAGE);
    expect(pagesAdded.reduce((sum, n) => sum + n, 0)).toBe(2_500);
    expect(told).toBeGreaterThanOrEqual(3);
    expect((await campaigns.deliveryCounts((result as { run: { id: string } }).run.id)).pending).toBe(2_500);
  });

  it('leaves a start that died part-way unfinished, and the next try adds the rest, each person once', async () => {
    const campaign = await campaigns.create(plan, owner, NOW);
    const addDeliveries = deps.campaigns.addDeliveries;
    let calls = 0;
    const dying: StartRunDeps = {
      ...deps,
      campaigns: {
        ...deps.campaigns,
        addDeliveries: async (runId, deliveries) => {
          if (++calls === 2) throw new Error('connection terminated');
          return addDeliveries(runId, deliveries);
        },
      },
    };
    await expect(startCampaignRun(dying, campaign.id, NOW)).rejects.toThrow('connection terminated');
    const [halfStarted] = await campaigns.runs(campaign.id);
    expect(halfStarted).toMatchObject({ status: 'delivering', targeted: PAGE });
    expect(halfStarted!.audienceAddedAt).toBeUndefined();
    // Its first page all sent and settled: still not over, since the rest of its audience is not in yet.
    for (const delivery of await campaigns.claimDue(NOW, 5_000, 'w', NOW))
      await campaigns.complete(delivery.id, 'w', { kind: 'skipped', reason: 'enrolled' }, NOW);
    expect(await campaigns.finishSettledRuns(NOW)).toEqual([]);

    const retried = await startCampaignRun(deps, campaign.id, NOW);
    expect(retried).toMatchObject({ kind: 'alreadyStarted', run: { id: halfStarted!.id, targeted: 2_500, audienceAddedAt: NOW } });
    expect(await campaigns.deliveryCounts(halfStarted!.id)).toMatchObject({ pending: 1_500, skipped: PAGE });
    // A run whose audience is all in is not walked again.
    pagesAdded = [];
    expect(await startCampaignRun(deps, campaign.id, NOW)).toMatchObject({ kind: 'alreadyStarted' });
    expect(pagesAdded).toEqual([]);
  });

  it('walks the newer scan from its start when one replaces the scan being read', async () => {
    const campaign = await campaigns.create(plan, owner, NOW);
    replaceTheScanAfterItsFirstPage();
    const result = await startCampaignRun(deps, campaign.id, NOW);
    if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
    // The first scan's first page (1,000 people), then everyone of the newer scan.
    expect(result.targeted).toBe(PAGE + 1_200);
  });

  it("counts the form's preview over every page, and again from nothing when a newer scan replaces the one read", async () => {
    const preview = await checkCampaignAudience({ ...deps, posture }, plan);
    expect(preview.preview).toEqual({
      people: 2_500,
      byDepartment: [{ department: 'Sales', people: 2_500 }],
      sample: ['User none-0000', 'User none-0001', 'User none-0002', 'User none-0003', 'User none-0004'],
    });
    replaceTheScanAfterItsFirstPage();
    const recounted = await checkCampaignAudience({ ...deps, posture }, plan);
    expect(recounted.preview).toMatchObject({ people: 1_200, sample: expect.arrayContaining(['User later-0000']) });
  });
});

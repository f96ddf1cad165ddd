import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import { finishCampaignRun } from '../../../src/use-cases/finish-campaign-run';
import { startCampaignRun, type StartRunDeps } from '../../../src/use-cases/start-campaign-run';
import { campaignPlan } from '../../fakes/campaign-plan';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { databaseTargets } from '../../support/test-database';
import { completedScanOf } from '../../support/completed-scan';

const NOW = new Date('2026-12-01T10:00:00Z');
const owner = { id: 'm1', name: 'Megan' };

const people: FakeUser[] = [
  fakeUser('none-finance', { department: 'Finance' }),
  fakeUser('weak-finance', { department: 'Finance', methods: ['sms'] }),
  fakeUser('strong-finance', { department: 'Finance', methods: ['authenticatorPush'] }),
  fakeUser('none-sales', { department: 'Sales' }),
  fakeUser('guest-finance', { department: 'Finance', userType: 'guest' }),
  fakeUser('excluded-finance', { department: 'Finance', userPrincipalName: 'CFO@contoso.example' }),
  // The registration report had no row for them: unknown, never nudged on a guess (issue 15, item 7).
  fakeUser('unreported-finance', { department: 'Finance', inReport: false }),
];

const plan = (audience: Partial<CampaignPlan['audience']>): CampaignPlan =>
  campaignPlan({ audience: { gaps: 'both', scope: { kind: 'all' }, excluded: [], ...audience } });

describe.each(databaseTargets())('starting a campaign run on $name', (target) => {
  let db: Database;
  let deps: StartRunDeps;
  let campaigns: CampaignStore;
  let posture: SqlPostureStore;
  /** The owners of password senders the latest read of the sign-in log found; undefined: no read completed. */
  let smtpOwners: string[] | undefined;
  const usersOf = async (runId: string) =>
    (await db.query<{ user_id: string }>('SELECT user_id FROM campaign_deliveries WHERE run_id = $1 ORDER BY user_id', [runId])).map(
      (row) => row.user_id,
    );

  beforeAll(async () => {
    db = await target.openMigrated();
    campaigns = sqlCampaignStore(db);
    posture = new SqlPostureStore(db);
    deps = {
      campaigns,
      posture,
      groupMembers: async (id) => (id === 'g' ? new Set(['none-finance', 'none-sales']) : undefined),
      smtpOwners: async () => smtpOwners,
      now: () => NOW,
    };
  });
  afterAll(() => db.close());

  it('starts nothing before the first scan', async () => {
    const campaign = await campaigns.create(plan({}), owner, NOW);
    expect(await startCampaignRun(deps, campaign.id, NOW)).toEqual({ kind: 'noScan' });
    expect(await campaigns.runs(campaign.id)).toEqual([]);
  });

  describe('after a scan', () => {
    beforeAll(() => completedScanOf(posture, people, NOW));

    it.each([
      ['no MFA, everyone', { gaps: 'none' }, ['excluded-finance', 'none-finance', 'none-sales']],
      ['weak only', { gaps: 'weak' }, ['weak-finance']],
      [
        'both, in Finance, without the excluded',
        { scope: { kind: 'departments', departments: ['finance'] }, excluded: ['cfo@contoso.example'] },
        ['none-finance', 'weak-finance'],
      ],
      ['both, in a group', { scope: { kind: 'group', groupId: 'g' } }, ['none-finance', 'none-sales']],
    ] as [string, Partial<CampaignPlan['audience']>, string[]][])(
      'chooses from the latest scan: %s, never guests or the strong',
      async (_case, audience, expected) => {
        const campaign = await campaigns.create(plan(audience), owner, NOW);
        const result = await startCampaignRun(deps, campaign.id, NOW);
        if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
        expect(result.targeted).toBe(expected.length);
        expect(await usersOf(result.run.id)).toEqual(expected);
      },
    );

    it('asked for a passkey, "everyone without it" takes the strong with Authenticator alone too', async () => {
      const missing = plan({ gaps: 'missingTarget', scope: { kind: 'departments', departments: ['Finance'] } });
      const forPasskey = await campaigns.create({ ...missing, target: 'passkey' }, owner, NOW);
      const passkeyRun = await startCampaignRun(deps, forPasskey.id, NOW);
      if (passkeyRun.kind !== 'started') throw new Error(`expected a start, got ${passkeyRun.kind}`);
      expect(await usersOf(passkeyRun.run.id)).toEqual(['excluded-finance', 'none-finance', 'strong-finance', 'weak-finance']);

      const forAuthenticator = await campaigns.create({ ...missing, target: 'authenticator' }, owner, NOW);
      const authenticatorRun = await startCampaignRun(deps, forAuthenticator.id, NOW);
      if (authenticatorRun.kind !== 'started') throw new Error(`expected a start, got ${authenticatorRun.kind}`);
      expect(await usersOf(authenticatorRun.run.id)).toEqual(['excluded-finance', 'none-finance', 'weak-finance']);
    });

    it('starts one run per scheduled time, with each person once, when two starts race', async () => {
      const campaign = await campaigns.create(plan({}), owner, NOW);
      const results = await Promise.all([startCampaignRun(deps, campaign.id, NOW), startCampaignRun(deps, campaign.id, NOW)]);
      expect(results.map((result) => result.kind).sort()).toEqual(['alreadyStarted', 'started']);
      const runs = await campaigns.runs(campaign.id);
      expect(runs).toHaveLength(1);
      expect(await usersOf(runs[0]!.id)).toEqual(['excluded-finance', 'none-finance', 'none-sales', 'weak-finance']);
    });

    it('starts no run for a group the directory no longer has', async () => {
      const campaign = await campaigns.create(plan({ scope: { kind: 'group', groupId: 'gone' } }), owner, NOW);
      expect(await startCampaignRun(deps, campaign.id, NOW)).toEqual({ kind: 'unknownGroup', groupId: 'gone' });
      expect(await campaigns.runs(campaign.id)).toEqual([]);
    });

    it('finishes a run that has nobody left to remind as it starts', async () => {
      const campaign = await campaigns.create(plan({ scope: { kind: 'departments', departments: ['Nobody here'] } }), owner, NOW);
      const result = await startCampaignRun(deps, campaign.id, NOW);
      expect(result).toMatchObject({ kind: 'started', targeted: 0, run: { status: 'finished' } });
    });

    it('marks a campaign finished after the run that was its last, and only then; the report is for its owner', async () => {
      const recurring = await campaigns.create(
        campaignPlan({
          schedule: {
            kind: 'recurring',
            weekdays: [1, 2, 3, 4, 5],
            time: '10:00',
            timeZone: 'UTC',
            startDate: '2026-12-01',
            endDate: '2026-12-02',
          },
        }),
        owner,
        NOW,
      );
      const first = await campaigns.startRun(recurring.id, new Date('2026-12-01T10:00:00Z'), NOW);
      const summary = await finishCampaignRun({ campaigns, now: () => NOW }, first.run);
      expect(summary?.report.campaign).toMatchObject({ ownerId: 'm1', status: 'active' });
      const last = await campaigns.startRun(recurring.id, new Date('2026-12-02T10:00:00Z'), NOW);
      expect((await finishCampaignRun({ campaigns, now: () => NOW }, last.run))?.report.campaign.status).toBe('finished');
      // A paused campaign stays paused: its owner may still resume it and cancel what waits.
      const paused = await campaigns.create(plan({}), owner, NOW);
      await campaigns.setStatus(paused.id, 'paused', ['active'], NOW);
      const run = await campaigns.startRun(paused.id, NOW, NOW);
      expect((await finishCampaignRun({ campaigns, now: () => NOW }, run.run))?.report.campaign.status).toBe('paused');
    });

    describe('for owners of accounts that sent mail with a password', () => {
      const smtpPlan = (audience: Partial<CampaignPlan['audience']>) => plan({ gaps: 'smtpPassword', ...audience });
      afterEach(() => {
        smtpOwners = undefined;
      });

      it('waits, starting nothing, until a read of the sign-in log has completed', async () => {
        const campaign = await campaigns.create(smtpPlan({}), owner, NOW);
        expect(await startCampaignRun(deps, campaign.id, NOW)).toEqual({ kind: 'noSmtpRead' });
        expect(await campaigns.runs(campaign.id)).toEqual([]);
      });

      it('takes the owners whatever their MFA (the strong and the unreported too), never guests, people the scan lacks, or the excluded', async () => {
        smtpOwners = [
          'strong-finance',
          'none-sales',
          'unreported-finance',
          'guest-finance',
          'excluded-finance',
          'left-the-company',
          'strong-finance',
        ];
        const campaign = await campaigns.create(smtpPlan({ excluded: ['cfo@contoso.example'] }), owner, NOW);
        const result = await startCampaignRun(deps, campaign.id, NOW);
        if (result.kind !== 'started') throw new Error(`expected a start, got ${result.kind}`);
        expect(await usersOf(result.run.id)).toEqual(['none-sales', 'strong-finance', 'unreported-finance']);
        expect(result.targeted).toBe(3);
      });

      it('applies departments and groups to the owner, and people with no MFA who own nothing are not in it', async () => {
        smtpOwners = ['strong-finance', 'none-sales'];
        const finance = await campaigns.create(smtpPlan({ scope: { kind: 'departments', departments: ['finance'] } }), owner, NOW);
        const inFinance = await startCampaignRun(deps, finance.id, NOW);
        if (inFinance.kind !== 'started') throw new Error(`expected a start, got ${inFinance.kind}`);
        expect(await usersOf(inFinance.run.id)).toEqual(['strong-finance']);
        const group = await campaigns.create(smtpPlan({ scope: { kind: 'group', groupId: 'g' } }), owner, NOW);
        const inGroup = await startCampaignRun(deps, group.id, NOW);
        if (inGroup.kind !== 'started') throw new Error(`expected a start, got ${inGroup.kind}`);
        expect(await usersOf(inGroup.run.id)).toEqual(['none-sales']);
      });

      it('finishes at once when nobody sends with a password any more', async () => {
        smtpOwners = [];
        const campaign = await campaigns.create(smtpPlan({}), owner, NOW);
        expect(await startCampaignRun(deps, campaign.id, NOW)).toMatchObject({ kind: 'started', targeted: 0, run: { status: 'finished' } });
      });
    });

    it('runs neither a paused, a cancelled nor an unknown campaign', async () => {
      const campaign = await campaigns.create(plan({}), owner, NOW);
      await campaigns.setStatus(campaign.id, 'paused', ['active'], NOW);
      expect(await startCampaignRun(deps, campaign.id, NOW)).toEqual({ kind: 'notActive', status: 'paused' });
      expect(await startCampaignRun(deps, '00000000-0000-0000-0000-000000000000', NOW)).toEqual({ kind: 'unknownCampaign' });
    });
  });
});

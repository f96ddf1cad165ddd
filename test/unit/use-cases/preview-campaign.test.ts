import type { Database } from '../../../src/adapters/storage/database';
import { SqlPostureStore } from '../../../src/adapters/storage/sql-posture-store';
import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import { checkCampaignAudience, type AudienceCheckDeps } from '../../../src/use-cases/preview-campaign';
import { fakeUser, type FakeUser } from '../../fakes/fake-user';
import { databaseTargets } from '../../support/test-database';
import { completedScanOf } from '../../support/completed-scan';
import { emptyPostureTables } from '../../support/posture-tables';

const NOW = new Date('2026-12-01T10:00:00Z');

const people: FakeUser[] = [
  fakeUser('ann', { displayName: 'Ann Finance', department: 'Finance' }),
  fakeUser('bob', { displayName: 'Bob Finance', department: 'Finance', methods: ['sms'] }),
  fakeUser('cy', { displayName: 'Cy Strong', department: 'Finance', methods: ['authenticatorPush'] }),
  fakeUser('dee', { displayName: 'Dee Sales', department: 'Sales' }),
  fakeUser('eve', { displayName: 'Eve Nowhere' }),
];

const audience = (over: Partial<CampaignPlan['audience']>): Pick<CampaignPlan, 'audience'> => ({
  audience: { gaps: 'both', scope: { kind: 'all' }, excluded: [], ...over },
});

describe.each(databaseTargets())("checking a campaign's audience before it is created, on $name", (target) => {
  let db: Database;
  let deps: AudienceCheckDeps;
  let owners: string[] | undefined;
  beforeAll(async () => {
    db = await target.openMigrated();
    await emptyPostureTables(db);
    const posture = new SqlPostureStore(db);
    deps = {
      posture,
      groupMembers: async (id) => (id === 'g' ? new Set(['ann', 'dee']) : undefined),
      smtpOwners: async () => owners,
    };
  });
  afterAll(() => db.close());

  it('says nobody can be counted before the first scan, and refuses nothing', async () => {
    expect(await checkCampaignAudience(deps, audience({ scope: { kind: 'departments', departments: ['Salse'] } }))).toEqual({
      problems: [],
      note: 'No scan has completed yet, so nobody can be counted: its run will wait for one.',
    });
  });

  describe('after a scan', () => {
    beforeAll(() => completedScanOf(deps.posture as SqlPostureStore, people, NOW));

    it('counts whom it would reach now, by department (most first), with a few names', async () => {
      const check = await checkCampaignAudience(deps, audience({}));
      expect(check.problems).toEqual([]);
      expect(check.preview).toEqual({
        people: 4,
        byDepartment: [
          { department: 'Finance', people: 2 },
          { department: '', people: 1 },
          { department: 'Sales', people: 1 },
        ],
        sample: expect.arrayContaining(['Ann Finance', 'Bob Finance', 'Dee Sales', 'Eve Nowhere']),
      });
    });

    it('refuses a department the scan does not know, naming the ones it does; any case of a known one is fine', async () => {
      expect(await checkCampaignAudience(deps, audience({ scope: { kind: 'departments', departments: ['finance', 'Salse'] } }))).toEqual({
        problems: ['No department called "Salse" in the latest scan. Its departments: Finance, Sales.'],
      });
      const finance = await checkCampaignAudience(deps, audience({ scope: { kind: 'departments', departments: ['FINANCE'] } }));
      expect(finance).toMatchObject({ problems: [], preview: { people: 2 } });
    });

    it('refuses a group that does not exist, and an audience that reaches nobody now', async () => {
      expect((await checkCampaignAudience(deps, audience({ scope: { kind: 'group', groupId: 'gone' } }))).problems).toEqual([
        'No Entra group has the object id gone: check it in the Entra admin center.',
      ]);
      expect(await checkCampaignAudience(deps, audience({ scope: { kind: 'group', groupId: 'g' } }))).toMatchObject({
        preview: { people: 2 },
      });
      const nobody = await checkCampaignAudience(deps, audience({ gaps: 'weak', scope: { kind: 'departments', departments: ['Sales'] } }));
      expect(nobody.problems).toEqual([
        'This campaign would reach nobody now: nobody in the latest scan is in its audience. Change who it is for.',
      ]);
      expect(nobody.preview?.people).toBe(0);
    });

    it('for owners of password senders, waits for a read of the sign-in log, then counts the owners', async () => {
      owners = undefined;
      expect(await checkCampaignAudience(deps, audience({ gaps: 'smtpPassword' }))).toEqual({
        problems: [],
        note: 'No read of the sign-in log has completed yet, so no owner is known: its run will wait for one.',
      });
      owners = ['cy', 'dee'];
      expect(await checkCampaignAudience(deps, audience({ gaps: 'smtpPassword' }))).toMatchObject({
        problems: [],
        preview: {
          people: 2,
          byDepartment: [
            { department: 'Finance', people: 1 },
            { department: 'Sales', people: 1 },
          ],
        },
      });
    });
  });
});

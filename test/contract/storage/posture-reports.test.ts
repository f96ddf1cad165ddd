import { openPostgresDatabase } from '../../../src/adapters/storage/postgres-database';
import { migrate } from '../../../src/adapters/storage/migrate';
import { allMigrations } from '../../../src/adapters/storage/migrations/all-migrations';
import { SqlPostureReportStore } from '../../../src/adapters/storage/sql-posture-report-store';
import type { SqlExecutor } from '../../../src/adapters/storage/database';
import type { StoredPostureReport } from '../../../src/domain/ports/posture-report-store';
import { postDueReports, scheduleReport, type ReportPostOutcome } from '../../../src/use-cases/post-posture-reports';
import { createFreshPostgresDatabase, databaseTargets, migratedOnFirstUse, postgresServerTargets } from '../../support/test-database';

// Set up on Tuesday 1 December 2026; due each Monday at 09:00 in London (09:00 UTC in winter).
const SET_UP = new Date('2026-12-01T12:00:00Z');
const MONDAY_0905 = new Date('2026-12-07T09:05:00Z');
const NEXT_MONDAY_0905 = new Date('2026-12-14T09:05:00Z');
const REPORT = { conversationId: '19:general@thread.tacv2', reference: { conversation: { id: '19:general@thread.tacv2' } } };

async function setUp(db: SqlExecutor): Promise<void> {
  await scheduleReport(
    { reports: new SqlPostureReportStore(db), now: () => SET_UP },
    { ...REPORT, weekday: 1, time: '09:00', timeZone: 'Europe/London', createdBy: 'aad-admin' },
  );
}

/** One instance of the bot's report job: its own store on its own connection, a clock, and what its posts answer. */
function instance(db: SqlExecutor, posts: string[], answer: () => ReportPostOutcome = () => 'posted') {
  return (now: Date) =>
    postDueReports({ reports: new SqlPostureReportStore(db), now: () => now }, async (report: StoredPostureReport) => {
      // A turn of the event loop between reading and posting, as a real post has: the other instance runs meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      posts.push(`${report.conversationId} ${now.toISOString().slice(0, 10)}`);
      return answer();
    });
}

for (const target of databaseTargets()) {
  describe(`weekly posture reports on ${target.name}`, () => {
    const database = migratedOnFirstUse(target);

    beforeEach(async () => {
      await (await database()).exec('TRUNCATE posture_reports');
      await setUp(await database());
    });

    it('posts each week once, whichever of two job runs gets there first, and again the next week', async () => {
      const db = await database();
      const posts: string[] = [];
      const [first, second] = [instance(db, posts), instance(db, posts)];
      await Promise.all([first(MONDAY_0905), second(MONDAY_0905)]);
      expect(posts).toEqual([`${REPORT.conversationId} 2026-12-07`]);
      await Promise.all([first(new Date('2026-12-07T09:10:00Z')), second(new Date('2026-12-07T09:15:00Z'))]);
      expect(posts).toHaveLength(1);
      await Promise.all([first(NEXT_MONDAY_0905), second(NEXT_MONDAY_0905)]);
      expect(posts).toEqual([`${REPORT.conversationId} 2026-12-07`, `${REPORT.conversationId} 2026-12-14`]);
    });

    it('tries a post that delivered nothing again at the next tick, and never one that may have been delivered', async () => {
      const db = await database();
      const posts: string[] = [];
      let answer: ReportPostOutcome = 'retry';
      const job = instance(db, posts, () => answer);
      expect((await job(MONDAY_0905)).retry).toEqual([REPORT.conversationId]);
      answer = 'uncertain';
      expect((await job(new Date('2026-12-07T09:10:00Z'))).uncertain).toEqual([REPORT.conversationId]);
      answer = 'posted';
      expect((await job(new Date('2026-12-07T09:15:00Z'))).posted).toEqual([]);
      expect(posts).toHaveLength(2);
    });

    it('stops a report whose conversation is gone, and an instance behind never takes back an older week', async () => {
      const db = await database();
      const store = new SqlPostureReportStore(db);
      expect(await store.claim(REPORT.conversationId, '2026-12-14')).toBe(true);
      expect(await store.claim(REPORT.conversationId, '2026-12-07')).toBe(false);
      await store.release(REPORT.conversationId, '2026-12-14', undefined);

      expect((await instance(db, [], () => 'gone')(MONDAY_0905)).gone).toEqual([REPORT.conversationId]);
      expect(await store.find(REPORT.conversationId)).toBeUndefined();
    });
  });
}

// Two instances are two processes, each with its own connections to the same server database.
const serverTargets = postgresServerTargets();
(serverTargets.length > 0 ? describe.each(serverTargets) : describe.skip.each([{ name: 'a PostgreSQL server' }]))(
  'weekly posture reports from two processes on $name',
  () => {
    it('posts a week once when two instances tick at the same moment, ten weeks running', async () => {
      const fresh = await createFreshPostgresDatabase();
      const [one, two] = await Promise.all([openPostgresDatabase(fresh.url), openPostgresDatabase(fresh.url)]);
      try {
        await migrate(one!, allMigrations);
        await setUp(one!);
        const posts: string[] = [];
        for (let week = 0; week < 10; week++) {
          const at = new Date(MONDAY_0905.getTime() + week * 7 * 24 * 3600_000);
          await Promise.all([instance(one!, posts)(at), instance(two!, posts)(at)]);
        }
        expect(posts).toHaveLength(10);
        expect(new Set(posts).size).toBe(10);
      } finally {
        await Promise.all([one?.close(), two?.close()]);
        await fresh.drop();
      }
    });
  },
);

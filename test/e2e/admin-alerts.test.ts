import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { POSTURE_SCAN_JOB } from '../../src/adapters/jobs/posture-scan-job';
import { databaseChoices } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(90_000);

const tenant = generateDemoTenant({ users: 150 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);

describe.each(databaseChoices())('alerts to the admins end to end (%s)', (database) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin], clearBetweenTests: false },
  );
  const alertsTo = () => e2e.cardsTo(admin).filter((card) => text(card).includes('MFA Coach alert'));
  /**
   * Asks for a scan and waits for its job to end: the result is posted to the admin first, the alerts after it, so
   * the job's end (not the result) is when everything the scan tells has been told. A scan still recorded as running
   * queues nothing (the bot says one is running): then it is asked for again.
   */
  const scanJobs = () => e2e.harness.queuedJobs(POSTURE_SCAN_JOB);
  const scanned = async () => {
    const before = scanJobs().length;
    await eventually(
      'a scan was queued',
      async () => {
        if (scanJobs().length > before) return true;
        await e2e.say(admin, 'scan');
        return scanJobs().length > before;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await eventually(
      'the scan job ended',
      async () => {
        const states = await Promise.all(scanJobs().map((job) => job.state()));
        return states.every((state) => state === 'completed' || state === 'failed');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  };

  it('tells the admins privately, once, when an admin account loses strong MFA', async () => {
    await scanned();
    expect(alertsTo()).toHaveLength(0);
    const { users } = await e2e.stores.posture.listUsers({ strengths: ['strong'], adminsOnly: true, offset: 0, limit: 50 });
    const losing = users.find((user) => user.id !== adminPerson.id)!;
    e2e.graph.state.setMethods(losing.id, []);
    e2e.graph.state.refreshReport();

    await scanned();
    expect(alertsTo()).toHaveLength(1);
    expect(text(alertsTo()[0])).toContain('An admin account lost strong MFA');
    expect(text(alertsTo()[0])).toContain(losing.userPrincipalName);

    await scanned();
    expect(alertsTo()).toHaveLength(1);
  });

  it('tells the admins once when two scans in a row fail, not again at the third', async () => {
    const failing = () => e2e.graph.injectFaults({ count: 10_000, status: 403, path: /^\/v1\.0\/users\?/ });
    const healed = () => e2e.graph.reset();
    const failedTwice = () => alertsTo().filter((card) => text(card).includes('The last two scans failed'));
    failing();
    await scanned();
    expect(failedTwice()).toHaveLength(0);
    await scanned();
    expect(failedTwice()).toHaveLength(1);
    expect(text(failedTwice()[0])).toContain('doctor');
    await scanned();
    expect(failedTwice()).toHaveLength(1);
    healed();
  });
});

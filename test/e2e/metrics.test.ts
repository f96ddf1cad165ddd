import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { scanAs, untilRunsFinished, useCampaignEndToEnd } from '../support/campaign-end-to-end';
import { teamsUser, wordsOf } from '../support/end-to-end';
import { eventually } from '../support/eventually';
import { campaignPlan } from '../fakes/campaign-plan';
import { scrape, type Scrape } from '../support/prometheus-text';

jest.setTimeout(90_000);

const tenant = generateDemoTenant({ users: 30 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const members = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id);

/** What an operator reads: every figure the operations guide names, present from the first scrape. */
const FIGURES = [
  'mfa_coach_turns_total',
  'mfa_coach_turn_duration_seconds',
  'mfa_coach_sends_total',
  'mfa_coach_teams_responses_total',
  'mfa_coach_graph_responses_total',
  'mfa_coach_send_budget_wait_seconds',
  'mfa_coach_deliveries_claimed_total',
  'mfa_coach_delivery_results_total',
  'mfa_coach_deliveries',
  'mfa_coach_scans_total',
  'mfa_coach_scan_duration_seconds',
  'mfa_coach_latest_scan_age_seconds',
  'mfa_coach_job_failures_total',
  'mfa_coach_process_resident_memory_bytes',
];

describe.each(databaseChoices())('metrics of a scan and a small campaign (%s)', (database) => {
  const e2e = useCampaignEndToEnd({ tenant, database, sendRate: 20 }, { installFor: [admin], clearBetweenTests: false });
  const read = () => scrape(e2e.harness.app.url);
  /** How much each figure moved between two scrapes. */
  const moved = (before: Scrape, after: Scrape) => (name: string, labels?: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);

  it('lists every figure, with the connection pool on a PostgreSQL server only', async () => {
    const first = await read();
    for (const name of FIGURES) expect(first.names).toContain(name);
    expect(first.names.has('mfa_coach_db_pool_connections')).toBe(database === 'postgres');
  });

  it('counts a scan, the turn that asked for it, and a 429 from Graph exactly once each', async () => {
    // The five people with no method are the campaign's audience below; everyone else has Authenticator.
    members.forEach((user, i) => (i < 5 ? e2e.graph.state.setMethods(user.id, []) : e2e.graph.state.enrolAuthenticator(user.id)));
    e2e.graph.state.refreshReport();
    const before = await read();
    const graphBefore = e2e.graph.stats();
    e2e.graph.injectFaults({ count: 1, status: 429, retryAfterSeconds: 1, path: /userRegistrationDetails/ });

    await scanAs(e2e, admin);
    const after = await read();
    const delta = moved(before, after);

    expect(delta('mfa_coach_scans_total', { outcome: 'completed' })).toBe(1);
    expect(delta('mfa_coach_scan_duration_seconds_count', { outcome: 'completed' })).toBe(1);
    expect(delta('mfa_coach_turns_total', { route: 'admin command' })).toBe(1);
    expect(delta('mfa_coach_turn_duration_seconds_count', { route: 'admin command' })).toBe(1);
    expect(delta('mfa_coach_graph_responses_total', { status: '429' })).toBe(1);
    // Every Graph request the emulator answered outside a $batch is one the bot counted (inner requests are not).
    const graphAfter = e2e.graph.stats();
    expect(delta('mfa_coach_graph_responses_total', { status: '200' })).toBeGreaterThan(0);
    expect(graphAfter.requests - graphBefore.requests).toBeGreaterThanOrEqual(
      after.sum('mfa_coach_graph_responses_total') - before.sum('mfa_coach_graph_responses_total'),
    );
    // The scan's lines carry its job's id; the admin's turn that asked for it carries a turn's id.
    const ended = e2e.harness.logs.lines.filter((line) => line.msg === 'posture scan ended');
    expect(ended.at(-1)?.correlationId).toMatch(/^job:posture-scan:[0-9a-f-]{36}$/);
    expect(e2e.harness.logs.lines.some((line) => String(line.correlationId).startsWith('turn:'))).toBe(true);
    const age = after.value('mfa_coach_latest_scan_age_seconds');
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60);
  });

  it('counts each card of a campaign by what Teams answered, every claim and result, and each answer of the Connector', async () => {
    const blocked = members[1]!;
    e2e.connector.blockUser(blocked.id);
    const before = await read();
    const connectorBefore = e2e.connector.stats();
    // One card is throttled once and sent on the retry Teams asked for: one 429, still one card sent.
    e2e.connector.injectFaults({ count: 1, status: 429, retryAfterSeconds: 0, method: 'POST', path: /\/activities(\/[^/]+)?$/ });

    const { store, scheduleNext } = e2e.harness.app.campaigns;
    const due = new Date().toISOString();
    const campaign = await store.create(
      campaignPlan({
        audience: { gaps: 'none', scope: { kind: 'all' }, excluded: [] },
        schedule: { kind: 'once', date: due.slice(0, 10), time: due.slice(11, 16), timeZone: 'UTC' },
        window: { startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] },
      }),
      { id: admin.aadObjectId, name: admin.name! },
      new Date(),
    );
    await scheduleNext(campaign);
    await untilRunsFinished(e2e, campaign.id);
    const [run] = await store.runs(campaign.id);
    const counts = await store.deliveryCounts(run!.id);
    expect(counts).toMatchObject({ sent: 4, failed: 1, uncertain: 0 });
    // The owner's summary is the run's last request to Teams: once it arrived, the Connector has seen them all.
    await e2e.connector.waitFor((r) => wordsOf(r.body).includes('has finished: 4 of 5 delivered, 1 failed.'), 10_000);
    // The Connector counts a request when it arrives, the bot when its answer is back: every one, no more, no fewer.
    const answered = async () => (await read()).sum('mfa_coach_teams_responses_total') - before.sum('mfa_coach_teams_responses_total');
    await eventually(
      'the bot counted every answer the Connector gave',
      async () => (await answered()) === e2e.connector.stats().requests - connectorBefore.requests,
      { timeoutMs: 5000, intervalMs: 50 },
    );

    const after = await read();
    const delta = moved(before, after);
    expect(delta('mfa_coach_deliveries_claimed_total')).toBe(5);
    expect(delta('mfa_coach_delivery_results_total', { result: 'sent' })).toBe(4);
    expect(delta('mfa_coach_delivery_results_total', { result: 'failed' })).toBe(1);
    expect(delta('mfa_coach_delivery_results_total', { result: 'uncertain' })).toBe(0);
    expect(delta('mfa_coach_sends_total', { outcome: 'sent' })).toBe(4);
    expect(delta('mfa_coach_sends_total', { outcome: 'blocked' })).toBe(1);
    expect(delta('mfa_coach_teams_responses_total', { status: '429' })).toBe(1);
    // Each card waited for its place in the send budget (a new chat's request too).
    expect(delta('mfa_coach_send_budget_wait_seconds_count')).toBeGreaterThanOrEqual(5);
    // One id follows the run: the job that started it names the run, and each batch's line for it carries its id.
    const runLines = e2e.harness.logs.lines.filter((line) => line.correlationId === `campaign-run:${run!.id}`);
    const delivered = runLines.filter((line) => line.msg === 'campaign deliveries');
    expect(delivered.reduce((sum, line) => sum + Number(line.sent), 0)).toBe(4);
    expect(delivered.reduce((sum, line) => sum + Number(line.failed), 0)).toBe(1);
    expect(e2e.harness.logs.lines.some((line) => line.msg === 'campaign run job' && line.runId === run!.id)).toBe(true);
    expect(after.value('mfa_coach_deliveries', { state: 'due' })).toBe(0);
    expect(after.value('mfa_coach_deliveries', { state: 'sending' })).toBe(0);
  });
});

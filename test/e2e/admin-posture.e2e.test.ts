import type { ConnectorEmulator, TeamsUser } from '../../emulators/connector';
import { MFA_COACH_ADMINS_GROUP, demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { GraphEmulator } from '../../emulators/graph';
import { databaseChoices, type TestApp } from '../support/app-harness';
import { startEndToEnd, type EndToEnd } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const adminGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
const admin: TeamsUser = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
const employee: TeamsUser = { aadObjectId: employeePerson.id, name: employeePerson.displayName };
// Cards escape markdown in what people and the directory wrote (e.g. "\\("); compare the words themselves.
const unescape = (json: string) => json.replace(/\\\\/g, '');
const text = (value: unknown) => unescape(JSON.stringify(value));

describe.each(databaseChoices())('admin posture commands end to end (%s)', (database) => {
  let connector: ConnectorEmulator;
  let graph: GraphEmulator;
  let harness: TestApp;
  let teams: EndToEnd['teams'];
  const say = (user: TeamsUser, words: string, conversationType: 'personal' | 'channel' = 'personal') =>
    harness.post(teams.aMessage({ text: words, user, conversationType }));
  const personal = (user: TeamsUser) => teams.personalConversationId(user);

  let e2e: EndToEnd | undefined;

  beforeAll(async () => {
    e2e = await startEndToEnd({
      tenant,
      database,
      graph: { reportLagSeconds: 3600 },
      app: {
        adminGroupIds: [adminGroup.id],
        configure: (c) => ({ ...c, posture: { ...c.posture, adminContact: 'the IT security team (security@contoso-demo.example)' } }),
      },
    });
    ({ connector, graph, harness, teams } = e2e);
    for (const user of [admin, employee]) await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user }));
  });

  afterAll(() => e2e?.stop());

  beforeEach(() => connector.clear());

  it('refuses a non-admin politely, says who to ask, and audits the attempt', async () => {
    await say(employee, 'posture');
    const [card] = connector.cards(personal(employee));
    expect(text(card)).toContain('security@contoso-demo.example');
    expect(text(card)).not.toMatch(/strong MFA|%/);
    const audit = await harness.app.database.query<{ outcome: string }>('SELECT outcome FROM audit_log WHERE actor_id = $1', [
      employee.aadObjectId,
    ]);
    expect(audit.map((a) => a.outcome)).toEqual(['refused']);
  });

  it('says there is no scan yet, then scans on request and posts the result where it was asked', async () => {
    await say(admin, 'posture');
    expect(connector.activities(personal(admin))[0]!.activity.text).toMatch(/no completed scan/);

    await say(admin, '/scan');
    expect(text(connector.cards(personal(admin))[0])).toMatch(/scan/i);
    await connector.waitFor((r) => text(r.body).includes('Scan finished') || text(r.body).includes('scan finished'), 30_000);
  });

  it('answers posture with the tenant figures of the scan', async () => {
    await say(admin, 'POSTURE');
    const [card] = connector.cards(personal(admin));
    const rows = await harness.app.database.query<{ strong: number; counted: number }>(
      "SELECT count(*) FILTER (WHERE strength = 'strong')::int AS strong, count(*)::int AS counted FROM current_mfa_users WHERE counts_in_rates",
    );
    const percent = (Math.round((rows[0]!.strong / rows[0]!.counted) * 1000) / 10).toFixed(1).replace(/\.0$/, '');
    expect(text(card)).toContain('whole tenant');
    expect(text(card)).toContain(`${percent}`);
    // Graph's own totals (usersRegisteredByFeature), read at the end of the scan, as a cross-check.
    expect(text(card)).toMatch(/Microsoft's own count, guests included: [\d,]+ of [\d,]+ users MFA-capable/);
  });

  it('ranks departments', async () => {
    await say(admin, 'posture by department');
    expect(text(connector.cards(personal(admin))[0])).toContain(tenant.users.find((u) => u.department)!.department!.slice(0, 3));
  });

  it('answers one department by name, in any case, and refuses an unknown one with the known names', async () => {
    const counts = await harness.app.database.query<{ department: string; n: number }>(
      'SELECT department, count(*)::int AS n FROM current_mfa_users WHERE counts_in_rates AND department IS NOT NULL GROUP BY department ORDER BY n DESC LIMIT 1',
    );
    const biggest = counts[0]!.department;
    await say(admin, `posture ${biggest.toUpperCase()}`);
    expect(text(connector.cards(personal(admin))[0])).toContain(`MFA posture · ${biggest}`);
    connector.clear();
    await say(admin, 'posture Astrology');
    const reply = connector.activities(personal(admin))[0]!.activity.text as string;
    expect(reply).toContain('"Astrology"');
    expect(reply).toContain(biggest);
  });

  it('lists people with weak methods only, with their methods in plain words', async () => {
    await say(admin, 'weak');
    const card = text(connector.cards(personal(admin))[0]);
    const [someone] = await harness.app.database.query<{ display_name: string }>(
      'SELECT display_name FROM current_mfa_users WHERE strength = \'weak\' AND counts_in_rates ORDER BY lower(display_name) COLLATE "C", id LIMIT 1',
    );
    expect(card).toContain(someone!.display_name);
    expect(card).toMatch(/Text message|Voice call|Email/);
  });

  it('draws the trend of the stored scans', async () => {
    await say(admin, 'trend 7');
    const card = text(connector.cards(personal(admin))[0]);
    expect(card).toContain('Chart.Line');
    expect(card).toContain('7 days');
  });

  it("answers the posture card's Trend button (it once had no route), and refuses a days value out of range", async () => {
    const pressed = await harness.post(teams.anAdaptiveCardInvoke({ verb: 'posture.trend', data: {}, user: admin }));
    expect(pressed.status).toBe(200);
    expect(pressed.body).toContain('Chart.Line');
    expect(pressed.body).toContain('30 days');
    const stale = await harness.post(teams.anAdaptiveCardInvoke({ verb: 'posture.trend', data: { days: 0 }, user: admin }));
    expect(stale.body).toContain('That button is out of date');
    expect(stale.body).not.toContain('Chart.Line');
  });

  it('sends a list of people privately when asked in a channel', async () => {
    const ask = teams.aMessage({ text: 'unenrolled', user: admin, conversationType: 'channel' });
    await harness.post(ask);
    const channelId = (ask.conversation as { id: string }).id;
    expect(text(connector.cards(channelId))).toMatch(/private chat/);
    expect(text(connector.cards(channelId))).not.toContain(employeePerson.displayName);
    expect(text(connector.cards(personal(admin)))).toContain(employeePerson.displayName);
  });

  it('checks one user live: an enrolment shows at once although the report lags', async () => {
    graph.state.enrolAuthenticator(employeePerson.id);
    await say(admin, `user ${employeePerson.userPrincipalName}`);
    const card = text(connector.cards(personal(admin))[0]);
    expect(card).toContain(employeePerson.displayName);
    expect(card).toMatch(/Authenticator/);
    expect(card).toMatch(/live|just now/i);
  });

  it('answers malformed input with the usage of that command', async () => {
    await say(admin, 'trend lots');
    const card = text(connector.cards(personal(admin))[0]);
    expect(card).toContain('trend [days]');
    expect(card).toContain('lots');
  });

  it.each([
    ['user', 'user <name or UPN>', 'a name or a UPN'],
    ['scan now', 'scan', 'takes nothing after it'],
    ['export csv', 'export', 'takes nothing after it'],
    ['audit 50', 'audit', 'takes nothing after it'],
    ['posture by manager', 'posture by department', 'manager'],
  ])('answers "%s" with the usage of %s and what was wrong, and runs nothing', async (words, usage, problem) => {
    const scansBefore = await harness.app.database.query('SELECT id FROM scan_runs');
    await say(admin, words);
    const [card] = connector.cards(personal(admin));
    expect(text(card)).toContain(usage);
    expect(text(card)).toContain(problem);
    expect(await harness.app.database.query('SELECT id FROM scan_runs')).toEqual(scansBefore);
  });

  it('refuses a forged card action from a non-admin, whatever its data claims', async () => {
    const invoke = teams.anAdaptiveCardInvoke({
      verb: 'posture.users.page',
      data: { list: 'unenrolled', offset: 0, actor: admin.aadObjectId, isAdmin: true },
      user: employee,
    });
    const { status, body } = await harness.post(invoke);
    expect(status).toBe(200);
    expect(unescape(body)).toContain('security@contoso-demo.example');
    expect(body).not.toContain(employeePerson.userPrincipalName);
  });

  it('exports everyone as CSV behind a one-time link, sent privately when asked in a channel', async () => {
    const ask = teams.aMessage({ text: 'export', user: admin, conversationType: 'channel' });
    await harness.post(ask);
    expect(text(connector.cards((ask.conversation as { id: string }).id))).toMatch(/private chat/);
    const card = connector.cards(personal(admin))[0] as { actions: { type: string; url: string }[] };
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url;
    expect(link.startsWith(`${harness.app.url}/exports/`)).toBe(true);

    // Opening the link shows a page with a button: a link preview or a mail scanner that fetches it uses nothing up.
    for (const look of [1, 2, 3]) {
      const page = await fetch(link);
      expect({ look, status: page.status }).toEqual({ look, status: 200 });
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toMatch(/<form method="post"[^>]*>[\s\S]*Download/);
    }
    const download = await fetch(link, { method: 'POST' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="mfa-status-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await download.text();
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).toContain('userPrincipalName');
    const [count] = await harness.app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM current_mfa_users');
    expect(rows).toHaveLength(count!.n);
    expect(csv).toContain(employeePerson.userPrincipalName);

    // Once downloaded, it is gone, however it is asked for.
    expect((await fetch(link, { method: 'POST' })).status).toBe(404);
    const gone = await fetch(link);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await gone.text()).toContain('This link no longer works');
    expect((await fetch(`${harness.app.url}/exports/not-a-real-token-at-all-000`)).status).toBe(404);
  });

  it('shows the audit log to admins', async () => {
    await say(admin, 'audit');
    const reply = connector.activities(personal(admin))[0]!.activity.text as string;
    expect(reply).toContain('posture');
    expect(reply).toContain('refused');
  });
});

import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import type { MfaStrength } from '../../src/domain/mfa/mfa-strength';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 150 });
const { admin: adminPerson, employee: employeePerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const employee = teamsUser(employeePerson);
// Cards escape markdown in what people and the directory wrote (e.g. "\\("); compare the words themselves.
const unescape = (json: string) => json.replace(/\\\\/g, '');
const EVERY_STRENGTH: MfaStrength[] = ['strong', 'acceptable', 'weak', 'none'];

describe.each(databaseChoices())('admin posture commands end to end (%s)', (database) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      // The scan's report pages (100 rows each, as Graph documents the report) take the reports budget's window; the
      // live checks here are about what they show, and the budget's sharing is tested with the directory.
      graph: { reportLagSeconds: 3600, throttle: { reports: null } },
      app: {
        adminGroupIds: [adminsGroupOf(tenant).id],
        overrides: { reportsBudget: { limit: 1000, windowMs: 1000 } },
        configure: (c) => ({ ...c, posture: { ...c.posture, adminContact: 'the IT security team (security@contoso-demo.example)' } }),
      },
    },
    { installFor: [admin, employee] },
  );
  /** The people of the latest scan who count in the rates (members with enabled accounts), of these strengths. */
  const counted = (strengths: MfaStrength[], limit = 1) => e2e.stores.posture.listUsers({ strengths, offset: 0, limit });

  it('refuses a non-admin politely, says who to ask, and audits the attempt', async () => {
    await e2e.say(employee, 'posture');
    const [card] = e2e.cardsTo(employee);
    expect(text(card)).toContain('security@contoso-demo.example');
    expect(text(card)).not.toMatch(/strong MFA|%/);
    const audit = (await e2e.auditTrail()).filter((entry) => entry.actorId === employee.aadObjectId);
    expect(audit.map((a) => a.outcome)).toEqual(['refused']);
  });

  it('says there is no scan yet, then scans on request and posts the result where it was asked', async () => {
    await e2e.say(admin, 'posture');
    expect(e2e.connector.activities(e2e.personal(admin))[0]!.activity.text).toMatch(/no completed scan/);

    await e2e.say(admin, '/scan');
    expect(text(e2e.cardsTo(admin)[0])).toMatch(/scan/i);
    await e2e.connector.waitFor((r) => text(r.body).includes('Scan finished') || text(r.body).includes('scan finished'), 30_000);
  });

  it('answers posture with the tenant figures of the scan', async () => {
    await e2e.say(admin, 'POSTURE');
    const [card] = e2e.cardsTo(admin);
    const strong = (await counted(['strong'])).total;
    const everyone = (await counted(EVERY_STRENGTH)).total;
    const percent = (Math.round((strong / everyone) * 1000) / 10).toFixed(1).replace(/\.0$/, '');
    expect(text(card)).toContain('whole tenant');
    expect(text(card)).toContain(`${percent}`);
    // Graph's own totals (usersRegisteredByFeature), read at the end of the scan, as a cross-check.
    expect(text(card)).toMatch(/Microsoft's own count, guests included: [\d,]+ of [\d,]+ users MFA-capable/);
  });

  it('ranks departments', async () => {
    await e2e.say(admin, 'posture by department');
    expect(text(e2e.cardsTo(admin)[0])).toContain(tenant.users.find((u) => u.department)!.department!.slice(0, 3));
  });

  it('answers one department by name, in any case, and refuses an unknown one with the known names', async () => {
    const sizes = new Map<string, number>();
    for (const { department } of (await counted(EVERY_STRENGTH, tenant.users.length)).users)
      if (department) sizes.set(department, (sizes.get(department) ?? 0) + 1);
    const biggest = [...sizes].sort(([, a], [, b]) => b - a)[0]![0];
    await e2e.say(admin, `posture ${biggest.toUpperCase()}`);
    expect(text(e2e.cardsTo(admin)[0])).toContain(`MFA posture · ${biggest}`);
    e2e.connector.clear();
    await e2e.say(admin, 'posture Astrology');
    const reply = e2e.connector.activities(e2e.personal(admin))[0]!.activity.text as string;
    expect(reply).toContain('"Astrology"');
    expect(reply).toContain(biggest);
  });

  it('lists people with weak methods only, with their methods in plain words', async () => {
    await e2e.say(admin, 'weak');
    const card = text(e2e.cardsTo(admin)[0]);
    // The first of them as the list orders people: by name, then id.
    const [someone] = (await counted(['weak'])).users;
    expect(card).toContain(someone!.displayName);
    expect(card).toMatch(/Text message|Voice call|Email/);
  });

  it('draws the trend of the stored scans', async () => {
    await e2e.say(admin, 'trend 7');
    const card = text(e2e.cardsTo(admin)[0]);
    expect(card).toContain('Chart.Line');
    expect(card).toContain('7 days');
  });

  it("answers the posture card's Trend button (it once had no route), and refuses a days value out of range", async () => {
    const pressed = await e2e.harness.post(e2e.teams.anAdaptiveCardInvoke({ verb: 'posture.trend', data: {}, user: admin }));
    expect(pressed.status).toBe(200);
    expect(pressed.body).toContain('Chart.Line');
    expect(pressed.body).toContain('30 days');
    const stale = await e2e.harness.post(e2e.teams.anAdaptiveCardInvoke({ verb: 'posture.trend', data: { days: 0 }, user: admin }));
    expect(stale.body).toContain('That button is out of date');
    expect(stale.body).not.toContain('Chart.Line');
  });

  it('sends a list of people privately when asked in a channel', async () => {
    const ask = e2e.teams.aMessage({ text: 'unenrolled', user: admin, conversationType: 'channel' });
    await e2e.harness.post(ask);
    const channelId = (ask.conversation as { id: string }).id;
    expect(text(e2e.connector.cards(channelId))).toMatch(/private chat/);
    expect(text(e2e.connector.cards(channelId))).not.toContain(employeePerson.displayName);
    expect(text(e2e.cardsTo(admin))).toContain(employeePerson.displayName);
  });

  it('checks one user live: an enrolment shows at once although the report lags', async () => {
    e2e.graph.state.enrolAuthenticator(employeePerson.id);
    await e2e.say(admin, `user ${employeePerson.userPrincipalName}`);
    const card = text(e2e.cardsTo(admin)[0]);
    expect(card).toContain(employeePerson.displayName);
    expect(card).toMatch(/Authenticator/);
    expect(card).toMatch(/live|just now/i);
  });

  it('answers malformed input with the usage of that command', async () => {
    await e2e.say(admin, 'trend lots');
    const card = text(e2e.cardsTo(admin)[0]);
    expect(card).toContain('trend [days]');
    expect(card).toContain('lots');
  });

  it.each([
    ['user', 'user <name or UPN>', 'a name or a UPN'],
    ['scan now', 'scan', 'takes nothing after it'],
    ['export csv', 'export', 'takes nothing after it'],
    ['audit last 400 days', 'audit [<person> | campaign <number> | last <days> days | export]', 'between 1 and 365'],
    ['posture by manager', 'posture by department', 'manager'],
  ])('answers "%s" with the usage of %s and what was wrong, and runs nothing', async (words, usage, problem) => {
    const scanBefore = await e2e.stores.posture.latestScan();
    await e2e.say(admin, words);
    const [card] = e2e.cardsTo(admin);
    expect(text(card)).toContain(usage);
    expect(text(card)).toContain(problem);
    expect(await e2e.stores.posture.latestScan()).toEqual(scanBefore);
  });

  it('refuses a forged card action from a non-admin, whatever its data claims', async () => {
    const invoke = e2e.teams.anAdaptiveCardInvoke({
      verb: 'posture.users.page',
      data: { list: 'unenrolled', offset: 0, actor: admin.aadObjectId, isAdmin: true },
      user: employee,
    });
    const { status, body } = await e2e.harness.post(invoke);
    expect(status).toBe(200);
    expect(unescape(body)).toContain('security@contoso-demo.example');
    expect(body).not.toContain(employeePerson.userPrincipalName);
  });

  it('exports everyone as CSV behind a one-time link, sent privately when asked in a channel', async () => {
    const ask = e2e.teams.aMessage({ text: 'export', user: admin, conversationType: 'channel' });
    await e2e.harness.post(ask);
    expect(text(e2e.connector.cards((ask.conversation as { id: string }).id))).toMatch(/private chat/);
    const card = e2e.cardsTo(admin)[0] as { actions: { type: string; url: string }[] };
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url;
    expect(link.startsWith(`${e2e.harness.app.url}/exports/`)).toBe(true);

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
    // Everyone of the latest scan, guests and disabled accounts too.
    const { total } = await e2e.stores.posture.listUsers({ strengths: EVERY_STRENGTH, includeExcluded: true, offset: 0, limit: 1 });
    expect(rows).toHaveLength(total);
    expect(csv).toContain(employeePerson.userPrincipalName);

    // Once downloaded, it is gone, however it is asked for.
    expect((await fetch(link, { method: 'POST' })).status).toBe(404);
    const gone = await fetch(link);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await gone.text()).toContain('This link no longer works');
    expect((await fetch(`${e2e.harness.app.url}/exports/not-a-real-token-at-all-000`)).status).toBe(404);
  });

  it('shows the audit log to admins, with whom or what each command was about', async () => {
    await e2e.say(admin, 'audit');
    const reply = e2e.connector.activities(e2e.personal(admin))[0]!.activity.text as string;
    expect(reply).toContain('posture');
    expect(reply).toContain('refused');
    // Whose MFA was looked up, and which department: a security lead can tell.
    const upn = employeePerson.userPrincipalName.replace(/[.\-_]/g, (c) => `\\${c}`);
    // The command's placeholders are escaped too: Teams would read "<query>" as markup.
    expect(reply).toContain(`user \\<query\\> (about ${upn})`);
    const entries = await e2e.auditTrail();
    expect(entries.find((entry) => entry.action === 'user <query>')).toMatchObject({ subject: employeePerson.userPrincipalName });
    expect(entries.find((entry) => entry.action === 'posture <department>')?.subject).toMatch(/^department /);
    expect(entries.find((entry) => entry.action === 'posture')).not.toHaveProperty('subject');
  });

  it('shows the entries by or about one person, and audits whom the log was searched for', async () => {
    await e2e.say(admin, `audit ${employeePerson.userPrincipalName.toUpperCase()}`);
    const reply = e2e.connector.activities(e2e.personal(admin))[0]!.activity.text as string;
    expect(reply).toMatch(/^\*\*Admin commands by or about "/);
    expect(reply).toContain('user \\<query\\> (about ');
    expect(reply).not.toContain('posture \\<department\\>');
    const entries = await e2e.auditTrail();
    expect(entries.at(-1)).toMatchObject({ action: 'audit <person>', subject: employeePerson.userPrincipalName.toUpperCase() });
  });

  it('exports the whole audit log as CSV behind a one-time link, sent privately when asked in a channel', async () => {
    const recorded = await e2e.auditTrail();
    const ask = e2e.teams.aMessage({ text: 'audit export', user: admin, conversationType: 'channel' });
    await e2e.harness.post(ask);
    expect(text(e2e.connector.cards((ask.conversation as { id: string }).id))).toMatch(/private chat/);
    const card = e2e.cardsTo(admin)[0] as { actions: { type: string; url: string }[] };
    expect(text(card)).toContain('audit log export is ready');
    const link = card.actions.find((a) => a.type === 'Action.OpenUrl')!.url;
    expect(link.startsWith(`${e2e.harness.app.url}/exports/`)).toBe(true);

    const download = await fetch(link, { method: 'POST' });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const [header, ...rows] = (await download.text()).trim().split('\r\n');
    expect(header).toBe('at,actorId,actorName,action,subject,where,outcome,conversationId');
    // Every entry recorded before the export, oldest first; the export itself is recorded once it is made.
    expect(rows).toHaveLength(recorded.length);
    expect(rows[0]!.split(',').slice(0, 4)).toEqual([
      recorded[0]!.at.toISOString(),
      recorded[0]!.actorId,
      recorded[0]!.actorName ?? '',
      recorded[0]!.action,
    ]);
    expect(rows.some((row) => row.includes(`,user <query>,${employeePerson.userPrincipalName},`))).toBe(true);
    expect((await e2e.auditTrail()).at(-1)).toMatchObject({ action: 'audit export', where: 'channel', outcome: 'allowed' });

    // Once downloaded, it is gone.
    expect((await fetch(link, { method: 'POST' })).status).toBe(404);
  });
});

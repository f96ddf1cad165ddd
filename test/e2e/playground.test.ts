import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, openPlayground, type OpenPlaygroundOptions, type PlaygroundPage } from '../../scripts/playground/playground-page';
import type { PlaygroundHandle } from '../../scripts/playground/start-playground';
import { startDemo, type Demo, type DemoOptions } from '../../scripts/start-demo';
import { demoPersonas } from '../../emulators/demo-tenant';
import { SqlSmtpSenderStore } from '../../src/adapters/storage/sql-smtp-sender-store';
import { productStores } from '../support/end-to-end';
import { eventually } from '../support/eventually';

/**
 * The demo as a person sees it: the real Agents Playground in headless Chromium, talking to the bot that
 * `npm run demo` starts. Screenshots land in SCREENSHOTS_DIR (or a temp folder) for a human to look at.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const describeWithBrowser = existsSync(chromium) ? describe : describe.skip;
if (!existsSync(chromium)) console.warn(`No Chromium at ${chromium}: the Playground browser test is skipped.`);

jest.setTimeout(90_000);

/** The demo scans once at start: its snapshot is there. */
async function firstScanDone(demo: Demo): Promise<void> {
  await eventually("the demo's first scan is stored", async () => (await productStores(demo.app).posture.latestSnapshots(1)).length > 0, {
    intervalMs: 200,
  });
}

/**
 * Presses "I've done it" as a person would, until the card answers with a check. Graph busy with the demo's
 * start-up scan (its reports budget is small and shared), the card says to press again; pressed again too soon
 * after that, the person's live-check limit (3 a minute) answers instead, and the next check comes within the
 * minute. Real limits, by design: the presses are a few seconds apart, and the last is back within about a minute.
 */
async function pressDone(ui: PlaygroundPage) {
  return eventually(
    '"I\'ve done it" is answered with a check',
    async () => {
      const done = await ui.clickCardButton("I've done it");
      const body = JSON.stringify(done.body);
      return !body.includes("couldn't check") && !body.includes("You've pressed a few times") && done;
    },
    { timeoutMs: 75_000, intervalMs: 3000 },
  );
}

/**
 * Says "doctor" as an admin would, until its card answers with the checks run. Right after the demo's start-up scan,
 * the checks that use the reports budget (5 requests per 10 s, shared with the scan) are not sent and the card says
 * to run doctor again when the scan has finished: the admin does so, a few seconds later.
 */
async function doctorOnceTheScanIsDone(ui: PlaygroundPage) {
  return eventually(
    'doctor is answered with the reports budget free',
    async () => {
      await ui.sendMessage('doctor');
      const reply = await ui.waitForBotReply({ containsText: 'MFA Coach doctor', card: true });
      return !reply.text.includes('run doctor again when the scan has finished') && reply;
    },
    { timeoutMs: 60_000, intervalMs: 5000 },
  );
}

/**
 * The demo as `npm run demo` starts it, in a data folder of its own, with its Playgrounds opened in one headless
 * Chromium, for the tests of the enclosing describe: all of it is closed and removed after them.
 */
function useDemoInChromium(folder: string, options: Omit<DemoOptions, 'env' | 'playgroundPort'>) {
  let dataDir = '';
  let demo: Demo | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const pages: PlaygroundPage[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `mfa-coach-${folder}-`));
    demo = await startDemo({ ...options, env: { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, playgroundPort: 0 });
    browser = await launchChromium(chromium);
  });
  afterAll(async () => {
    for (const page of pages) await page.close();
    await browser?.close();
    await demo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const screenshotsDir = () => process.env.SCREENSHOTS_DIR ?? join(dataDir, 'screenshots');
  return {
    demo: () => demo!,
    screenshotsDir,
    /** A Playground of the demo, as a person opens it in their browser. */
    async open(playground: PlaygroundHandle, device: Pick<OpenPlaygroundOptions, 'timezoneId' | 'clockAt'> = {}) {
      const page = await openPlayground(playground.url, {
        browser,
        playground,
        hideLogPanel: true,
        screenshotsDir: screenshotsDir(),
        ...device,
      });
      pages.push(page);
      return page;
    },
  };
}

describeWithBrowser('the demo in the Agents Playground', () => {
  const run = useDemoInChromium('demo', { persona: 'employee', users: 120 });
  let demo: Demo;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    demo = run.demo();
    ui = await run.open(demo.playground);
    // The start-up scan's report pages share Graph's reports budget with a person's live check, and a turn gives up
    // on Graph fast: on a busy machine a check asked for while the scan reads would find Graph busy.
    await firstScanDone(demo);
  });

  it('welcomes the employee by the directory name when the chat opens', async () => {
    const welcome = await ui.waitForBotReply({ containsText: "I'm MFA Coach", card: true, since: 0 });
    expect(welcome.cards[0]!.text).toContain(`Hi ${demo.me.givenName}, I'm MFA Coach`);
    expect(await ui.currentUserName()).toContain(demo.me.displayName);
    await ui.screenshot('01-welcome');
  });

  // Before any other card offers the same button: the welcome card's is the one pressed.
  it('turns the welcome card into the help card when its button is pressed', async () => {
    const result = await ui.clickCardButton('Show what I can do');
    expect(result.status).toBe(200);
    const cards = (await ui.botReplies()).flatMap((r) => r.cards.map((c) => c.text));
    expect(cards.filter((text) => text.includes('What MFA Coach can do'))).toHaveLength(1);
    expect(cards.some((text) => text.includes("I'm MFA Coach"))).toBe(false);
    await ui.screenshot('03-welcome-pressed');
  });

  it.each([
    [
      'answers help, typed with a slash and in capitals, with the help card',
      '/HELP',
      'What MFA Coach can do',
      'Shows what I can do',
      '02-help',
    ],
    ['says plainly what it does not know, and points to help', 'what is the weather like', "I don't know", /type \*?\*?help/, '04-unknown'],
    [
      'answers a question with the article, and the "good to know" point that answers it',
      'can we turn number matching off?',
      'number matching',
      'Good to know',
      '04b-answer',
    ],
    [
      'declines a subject it does not cover, naming it',
      'how do I add a signature in Outlook',
      'outside what I cover',
      'Outlook mail and calendar features',
      '04d-outside',
    ],
    [
      'answers a question in Spanish from the English article, saying so in Spanish',
      '¿Qué es mejor, la app Authenticator o una llave de seguridad FIDO2?',
      'Mis artículos están en inglés',
      /passkey|security key/i,
      '04e-spanish',
    ],
  ] as const)('%s', async (_behaviour, message, replyShows, cardShows, screenshot) => {
    await ui.sendMessage(message);
    const reply = await ui.waitForBotReply({ containsText: replyShows, card: true });
    expect(reply.cards[0]!.text).toMatch(cardShows);
    await ui.screenshot(screenshot);
  });

  it('says it is not sure when a question says too little, and a pressed choice shows that article', async () => {
    await ui.sendMessage('sms');
    const reply = await ui.waitForBotReply({ containsText: "I'm not sure", card: true });
    expect(reply.cards[0]!.text).toContain('Did you mean one of these?');
    await ui.screenshot('04c-not-sure');
    const choice = await ui.lastCard();
    const pressed = await ui.clickCardButton(choice.buttons[0]!);
    expect(JSON.stringify(pressed.body)).toContain('learn.microsoft.com');
  });

  it('answers "am I set up?" with their own status, checked live', async () => {
    await ui.sendMessage('am I set up?');
    const reply = await ui.waitForBotReply({ containsText: 'Your MFA status', card: true });
    // Right after the start-up scan and the read of the sign-in log, Graph's reports budget (5 requests per 10 s,
    // which a live check shares) may still be spent: the card says so, and the person presses "Check again".
    const checked = reply.cards[0]!.text.includes("couldn't check")
      ? JSON.stringify(
          (
            await eventually(
              'the status is checked live',
              async () => {
                const again = await ui.clickCardButton('Check again');
                return !JSON.stringify(again.body).includes("couldn't check") && again;
              },
              { timeoutMs: 75_000, intervalMs: 3000 },
            )
          ).body,
        )
      : reply.cards[0]!.text;
    expect(checked).toMatch(/What you have[\s\S]*Next step/);
    expect(checked).toMatch(/Checked live just now/);
    await ui.screenshot('05-own-status');
  });

  it('gets the nudge an admin sends, and after enrolling, "I\'ve done it" turns the card into a thank-you', async () => {
    // The admin types in the demo's terminal; the card arrives in the employee's Playground chat.
    // With Graph's reports budget spent (the live check before the nudge shares it), the admin is told to try again.
    const answer = await eventually(
      'the nudge is sent',
      async () => {
        const said = (await demo.other.say(`nudge ${demo.me.userPrincipalName}`)).join('\n');
        return !said.includes("couldn't check") && said;
      },
      { timeoutMs: 75_000, intervalMs: 3000 },
    );
    expect(answer).toContain(`Sent ${demo.me.displayName} a reminder`);
    const nudge = await ui.waitForBotReply({ containsText: 'please protect your work account', card: true });
    // The Playground titles a link button with its address.
    expect(nudge.cards[0]!.buttons).toEqual(['https://aka.ms/mfasetup', "I've done it", 'Remind me later', 'I need help']);
    await ui.screenshot('06-nudge');

    const early = await ui.clickCardButton("I've done it");
    expect(early.status).toBe(200);
    expect(JSON.stringify(early.body)).toMatch(
      /no Microsoft Authenticator or other strong method on your account yet|couldn't check your sign-in methods just now/,
    );
    await ui.screenshot('07-nudge-still-missing');

    // What "enrol" in the demo's terminal does: the demo directory now has Authenticator for them.
    demo.graph.state.enrolAuthenticator(demo.me.id);
    const done = await pressDone(ui);
    expect(done.status).toBe(200);
    expect(JSON.stringify(done.body)).toContain(`Thank you, ${demo.me.givenName}!`);
    await ui.waitForBotReply({ containsText: 'Thank you', card: true, since: 0 });
    await ui.screenshot('08-nudge-confirmed');
  });

  it("draws every text of the employee's cards at WCAG AA contrast on the light theme", async () => {
    // Their status now (strong), and the cards so far: the welcome, help, answers, the nudge and its thank-you.
    await ui.sendMessage('am I set up?');
    await ui.waitForBotReply({ containsText: 'Your MFA status', card: true });
    const texts = (await ui.textContrasts()).filter((t) => t.text !== '■' && !t.inChart);
    expect(texts.length).toBeGreaterThan(30);
    expect(texts.filter((t) => t.ratio < (t.large ? 3 : 4.5))).toEqual([]);
  });
});

describeWithBrowser('the demo in the Agents Playground, as an admin', () => {
  const run = useDemoInChromium('demo-admin', { persona: 'admin', users: 200 });
  let demo: Demo;
  let ui: PlaygroundPage;
  let screenshotsDir: string;

  beforeAll(async () => {
    demo = run.demo();
    // The demo scans once at start; wait for that scan's snapshot rather than for a fixed time.
    await firstScanDone(demo);
    screenshotsDir = run.screenshotsDir();
    ui = await run.open(demo.playground);
    await ui.waitForBotReply({ containsText: "I'm MFA Coach", card: true, since: 0 });
  });

  it('shows the tenant posture with its chart', async () => {
    await ui.sendMessage('posture');
    const reply = await ui.waitForBotReply({ containsText: 'MFA posture', card: true });
    expect(reply.cards[0]!.text).toMatch(/strong MFA/);
    expect(reply.cards[0]!.text).toMatch(/Methods registered[\s\S]*Authenticator app \(push\)\s*[\d,]+ people · [\d.]+%/);
    expect(await ui.page.locator('.ac-adaptiveCard svg').count()).toBeGreaterThan(0);
    await ui.screenshot('10-admin-posture');
  });

  it('answers doctor with every check passed, one row per check', async () => {
    const reply = await doctorOnceTheScanIsDone(ui);
    const text = reply.cards[0]!.text;
    expect(text).toMatch(/MFA Coach can work in this tenant: all \d+ checks passed\./);
    expect(text).toMatch(/OK\s+Graph permissions\s+all \d+ needed permissions granted/);
    expect(text).toMatch(/OK\s+Database\s+the embedded database/);
    expect(text).toContain('Answer model');
    expect(text).not.toMatch(/FAIL|WARN/);
    // The card is taller than the window: a taller one shows it whole, from the verdict to the footnote.
    const viewport = ui.page.viewportSize()!;
    await ui.page.setViewportSize({ ...viewport, height: 1300 });
    await ui.screenshot('doctor-card');
    await ui.page.setViewportSize(viewport);
  });

  it.each([
    [
      'turns the posture card into the trend with its Trend button',
      'posture',
      'MFA posture',
      'Trend',
      '30 days',
      '10b-admin-posture-trend',
    ],
    ['pages through the unenrolled list in place', 'unenrolled', 'Showing 1', 'Next ▶', 'Showing 16', '11-admin-unenrolled-page-2'],
  ])('%s', async (_behaviour, message, replyShows, button, pressedShows, screenshot) => {
    await ui.sendMessage(message);
    const reply = await ui.waitForBotReply({ containsText: replyShows, card: true });
    expect(reply.cards[0]!.buttons).toContain(button);
    const result = await ui.clickCardButton(button);
    expect(result.status).toBe(200);
    expect(JSON.stringify(result.body)).toContain(pressedShows);
    await ui.screenshot(screenshot);
  });

  it("exports everyone's status behind a page whose button downloads the file, once", async () => {
    await ui.sendMessage('export');
    const reply = await ui.waitForBotReply({ containsText: 'The link works once', card: true });
    // The Playground draws an Action.OpenUrl button with its address as the title.
    const link = reply.cards[0]!.buttons.find((button) => button.includes('/exports/'))!;
    const fileName = /Download (mfa-status-[\d-]+\.csv)/.exec(reply.cards[0]!.text)?.[1];
    expect(fileName).toBeDefined();
    await ui.screenshot('12-admin-export-card');

    // The card's button opens the link in the browser: a page, not the file, so a preview or scanner uses nothing.
    const [landing] = await Promise.all([
      ui.context.waitForEvent('page'),
      ui.page.locator(`.ac-actionSet button[title="${link}"]`).last().click(),
    ]);
    await landing.waitForLoadState('domcontentloaded');
    expect(await landing.locator('h1').textContent()).toBe('Your export is ready');
    await landing.screenshot({ path: join(screenshotsDir, '13-export-page.png') });

    const [download] = await Promise.all([landing.waitForEvent('download'), landing.locator('button[type="submit"]').click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(download.suggestedFilename()).toBe(fileName);
    expect(csv.split('\n')[0]).toMatch(/userPrincipalName/i);
    expect(csv.trim().split('\n').length).toBeGreaterThan(100);

    // Used up: the same link now says so.
    const again = await landing.goto(landing.url());
    expect(again?.status()).toBe(404);
    expect(await landing.locator('h1').textContent()).toBe('This link no longer works');
    await landing.screenshot({ path: join(screenshotsDir, '14-export-used-up.png') });
    await landing.close();
  });
});

/** The bot's day for the readiness tests: 59 days before Microsoft stops SMS and voice for MFA. */
const READINESS_DAY = new Date('2026-12-04T09:00:00Z');

describeWithBrowser('the demo in the Agents Playground, getting ready for 1 February 2027', () => {
  const run = useDemoInChromium('demo-readiness', { persona: 'admin', users: 200, now: () => READINESS_DAY });
  let ui: PlaygroundPage;

  beforeAll(async () => {
    await firstScanDone(run.demo());
    ui = await run.open(run.demo().playground, { clockAt: READINESS_DAY });
    await ui.waitForBotReply({ containsText: "I'm MFA Coach", card: true, since: 0 });
  });

  /** Tall cards are shown whole: a taller window for the screenshot, then back. */
  async function screenshotWhole(name: string) {
    const viewport = ui.page.viewportSize()!;
    await ui.page.setViewportSize({ ...viewport, height: 1500 });
    await ui.screenshot(name);
    await ui.page.setViewportSize(viewport);
  }

  it("shows the admin's help with every placeholder in its place (Teams would read <name> as markup)", async () => {
    await ui.sendMessage('help');
    const text = (await ui.waitForBotReply({ containsText: 'What MFA Coach can do', card: true })).cards[0]!.text;
    expect(text).toContain('user <name or UPN>');
    expect(text).toContain('nudge <UPN>');
    expect(text).toContain('smtp nudge <address> [force]');
    expect(text).not.toMatch(/\\</);
    await screenshotWhole('29-admin-help');
  });

  it('shows on posture the countdown with who relies on SMS and voice alone, phishing-resistant coverage and who must use MFA', async () => {
    await ui.sendMessage('posture');
    const text = (await ui.waitForBotReply({ containsText: 'MFA posture', card: true })).cards[0]!.text;
    expect(text).toMatch(/SMS and voice stop on 1 February 2027 \(59 days\): \d+ people \([\d.]+%\) rely on them only/);
    expect(text).toMatch(/Phishing-resistant MFA: \d+ people \([\d.]+%\); \d+ of \d+ admins/);
    expect(text).toMatch(/MFA required for \d+% by Conditional Access; \d+ people excluded/);
    await screenshotWhole('30-posture-readiness');
  });

  it('lists the phone-only people with the phone Entra keeps for each', async () => {
    await ui.sendMessage('phone-only');
    const text = (await ui.waitForBotReply({ containsText: 'People who rely on SMS and voice only', card: true })).cards[0]!.text;
    expect(text).toContain('office phone (calls only)');
    expect(text).toContain('then each of them must register another method at their next sign-in');
    await screenshotWhole('31-phone-only');
  });

  it("acts from the employee's department list: their card, a reminder with its outcome, back to the list, a campaign for these", async () => {
    const employee = demoPersonas(run.demo().tenant).employee;
    await ui.sendMessage(`unenrolled ${employee.department}`);
    const list = await ui.waitForBotReply({ containsText: 'People with no MFA', card: true });
    expect(list.cards[0]!.text).toContain('Choose a person to see their details and send them a reminder.');
    expect(list.cards[0]!.buttons).toEqual(expect.arrayContaining(['Campaign for these people', 'Department figures']));
    await screenshotWhole('42-admin-list-actions');

    const card = await ui.clickCardRow(employee.displayName);
    expect(JSON.stringify(card.body)).toContain('"title":"Send a reminder"');
    const sent = await ui.clickCardButton('Send a reminder');
    expect(JSON.stringify(sent.body)).toContain(`Sent ${employee.displayName} a reminder (no MFA today)`);
    await screenshotWhole('43-admin-reminded-from-list');
    const back = await ui.clickCardButton('◀ Back to the list');
    expect(JSON.stringify(back.body)).toContain(`People with no MFA · ${employee.department}`);

    const form = await ui.clickCardButton('Campaign for these people');
    expect(JSON.stringify(form.body)).toMatch(/It would reach \d+ (people|person) now/);
    await screenshotWhole('44-admin-campaign-for-list');
  });

  it('sets up a weekly report in the chat, which arrives as the posture card under a line saying how to stop it', async () => {
    // The demo's clock is Friday 4 December 2026, 09:00 UTC: a report due at that minute is posted at the next tick.
    await ui.sendMessage('report weekly on Friday at 09:00 UTC');
    expect((await ui.waitForBotReply({ containsText: "I'll post the MFA posture summary" })).text).toContain('every Friday at 09:00 (UTC)');
    expect((await run.demo().app.reports.postDue()).posted).toHaveLength(1);
    const report = await ui.waitForBotReply({ containsText: 'Weekly MFA report' });
    expect(report.text).toContain('Say report off here to stop it');
    await ui.waitForBotReply({ containsText: 'MFA posture', card: true, since: 0 });
    // The line that says what it is, at the top, with as much of the card as the window holds.
    await ui.page.setViewportSize({ ...ui.page.viewportSize()!, height: 1500 });
    await ui.page
      .locator('.fai-OutputCard')
      .nth(report.index)
      .evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await ui.screenshot('45-weekly-report');
    await ui.page.setViewportSize({ ...ui.page.viewportSize()!, height: 900 });
    await ui.sendMessage('report off');
    await ui.waitForBotReply({ containsText: 'Stopped: no more weekly MFA reports in our chat.' });
  });

  it('alerts the admin privately when another admin account loses strong MFA', async () => {
    const demo = run.demo();
    const { users } = await productStores(demo.app).posture.listUsers({ strengths: ['strong'], adminsOnly: true, offset: 0, limit: 50 });
    const losing = users.find((user) => user.id !== demo.me.id)!;
    demo.graph.state.setMethods(losing.id, []);
    demo.graph.state.refreshReport();
    await ui.sendMessage('scan');
    const alert = await ui.waitForBotReply({ containsText: 'MFA Coach alert', card: true, timeoutMs: 60_000 });
    expect(alert.cards[0]!.text).toContain('An admin account lost strong MFA');
    expect(alert.cards[0]!.buttons).toContain('Posture');
    await screenshotWhole('46-admin-alert');
    const contrasts = (await ui.textContrasts()).filter((t) => t.text !== '■' && !t.inChart);
    expect(contrasts.filter((t) => t.ratio < (t.large ? 3 : 4.5))).toEqual([]);
  });

  it('draws a target on the trend with the pace needed to reach it', async () => {
    await ui.sendMessage('target 90% by 2027-03-31');
    await ui.waitForBotReply({ containsText: 'Target set' });
    await ui.sendMessage('trend');
    const trend = await ui.waitForBotReply({ containsText: 'Strong MFA over', card: true });
    expect(trend.cards[0]!.text).toMatch(/Target 90% strong by 31 Mar 2027: [\d.]+ points to go in 16 weeks, about [\d.]+ a week\./);
    await screenshotWhole('47-trend-with-target');
    await ui.sendMessage('target off');
    await ui.waitForBotReply({ containsText: 'Target removed' });
  });

  it("shows both of the tenant's policies: who must use MFA, and Entra's registration campaign", async () => {
    await ui.sendMessage('policy');
    const text = (await ui.waitForBotReply({ containsText: 'Who must use MFA', card: true })).cards[0]!.text;
    expect(text).toMatch(/Require MFA for all users/);
    expect(text).toMatch(/Registration campaign: Microsoft managed/);
    expect(text).toContain('MFA Coach reaches them');
    await screenshotWhole('32-policy');
  });

  it('shows on smtp who still sends mail with a password, the countdown, and one sender in detail', async () => {
    await ui.sendMessage('smtp');
    const text = (await ui.waitForBotReply({ containsText: 'Who still sends mail with a password', card: true })).cards[0]!.text;
    expect(text).toContain('switched off by default at the end of this month (27 days)');
    expect(text).toContain('2 accounts still send mail with a password');
    expect(text).toMatch(/Scanner \(scanner@/);
    await screenshotWhole('35-smtp');

    await ui.sendMessage(`smtp scanner@${run.demo().tenant.domain}`);
    const detail = (await ui.waitForBotReply({ containsText: 'Ways off the password', card: true })).cards[0]!.text;
    expect(detail).toContain("(the mailbox's manager)");
    expect(detail).toContain('A connector relay');
    await screenshotWhole('36-smtp-sender');
  });

  it('fills the campaign form from the "Before SMS and voice stop" preset, and creates the campaign', async () => {
    await ui.sendMessage('campaign new');
    await ui.waitForBotReply({ containsText: 'New reminder campaign', card: true });
    const filled = await ui.clickCardButton('Start from: Before SMS and voice stop');
    expect(filled.status).toBe(200);
    expect(JSON.stringify(filled.body)).toContain('New campaign: Before SMS and voice stop');
    await ui.waitForBotReply({ containsText: 'New campaign: Before SMS and voice stop', card: true, since: 0 });
    await screenshotWhole('33-campaign-preset');
    const created = await ui.clickCardButton('Create campaign');
    expect(JSON.stringify(created.body)).toContain('People who rely on SMS and voice alone');
    await screenshotWhole('34-campaign-preset-created');
  });

  it('pages through the runs of a long campaign from its status card', async () => {
    const [campaign] = await run.demo().app.campaigns.store.list(1);
    // Eight earlier weekly runs (none reached anyone) beside any the campaign has: two pages.
    await run.demo().app.database.query(
      `INSERT INTO campaign_runs (campaign_id, scheduled_for, started_at, finished_at, status, targeted, audience_added_at)
       SELECT $1, t, t, t, 'finished', 0, t FROM generate_series(timestamptz '2026-10-05 09:00Z', timestamptz '2026-11-23 09:00Z', interval '7 days') t`,
      [campaign!.id],
    );
    const runs = (await run.demo().app.campaigns.store.runs(campaign!.id)).length;
    await ui.sendMessage(`campaign ${campaign!.number}`);
    await ui.waitForBotReply({ containsText: `Runs 1–6 of ${runs}, newest first.`, card: true });
    const older = await ui.clickCardButton('Older runs');
    expect(JSON.stringify(older.body)).toContain(`Runs 7–${runs} of ${runs}, newest first.`);
    await ui.waitForBotReply({ containsText: `Runs 7–${runs} of ${runs}`, card: true, since: 0 });
    expect(await ui.lastCardText()).toContain('5 Oct 2026');
    await screenshotWhole('45-campaign-older-runs');
  });
});

/**
 * The demo as the admin on READINESS_DAY, and the scanner mailbox's manager (the demo employee) in the other
 * Playground, who opens their chat first so that the bot knows where it is.
 */
function useAdminAndOwnerPlaygrounds(folder: string) {
  const run = useDemoInChromium(folder, { persona: 'admin', otherPlaygroundPort: 0, users: 120, now: () => READINESS_DAY });
  const pages = {} as { admin: PlaygroundPage; owner: PlaygroundPage };
  beforeAll(async () => {
    const demo = run.demo();
    pages.owner = await run.open(demo.otherPlayground!, { clockAt: READINESS_DAY });
    await firstScanDone(demo);
    // The sign-in log is read after the scan: until that read completes, no owner of a password sender is known.
    const smtp = new SqlSmtpSenderStore(demo.app.database);
    await eventually("the demo's first read of the sign-in log is stored", async () => !!(await smtp.latestSmtpScans()).lastCompleted, {
      intervalMs: 200,
    });
    pages.admin = await run.open(demo.playground, { clockAt: READINESS_DAY });
  });
  return { run, pages };
}

describeWithBrowser("an SMTP AUTH owner's nudge in the demo, in two Playgrounds side by side", () => {
  const { run, pages } = useAdminAndOwnerPlaygrounds('demo-smtp');

  it("the admin tells the scanner mailbox's owner; the card arrives in the owner's chat with what to move to", async () => {
    const scanner = `scanner@${run.demo().tenant.domain}`;
    await pages.admin.sendMessage(`smtp nudge ${scanner}`);
    const answer = await pages.admin.waitForBotReply({ containsText: 'Sent' });
    expect(answer.text).toContain('a card about the account that sends mail with a password');
    await pages.admin.screenshot('37-smtp-nudge-sent');

    const card = await pages.owner.waitForBotReply({ containsText: 'still sends mail with a password', card: true, timeoutMs: 30_000 });
    expect(card.cards[0]!.text).toContain('A mailbox you manage sent mail with a password');
    expect(card.cards[0]!.text).toContain('A connector relay');
    expect(card.cards[0]!.buttons).toContain('How');
    const viewport = pages.owner.page.viewportSize()!;
    await pages.owner.page.setViewportSize({ ...viewport, height: 1400 });
    await pages.owner.screenshot('38-smtp-owner-card');
    await pages.owner.page.setViewportSize(viewport);
  });
});

describeWithBrowser('an SMTP AUTH campaign in the demo, in two Playgrounds side by side', () => {
  const { run, pages } = useAdminAndOwnerPlaygrounds('demo-smtp-campaign');

  async function screenshotWhole(page: PlaygroundPage, name: string) {
    const viewport = page.page.viewportSize()!;
    await page.page.setViewportSize({ ...viewport, height: 1500 });
    await page.screenshot(name);
    await page.page.setViewportSize(viewport);
  }

  it("a campaign for the owners of password senders starts from its preset; the scanner's owner gets the card; the status card counts who moved off", async () => {
    const demo = run.demo();
    await pages.admin.sendMessage('campaign new');
    await pages.admin.waitForBotReply({ containsText: 'New reminder campaign', card: true });
    const filled = await pages.admin.clickCardButton('Start from: Off the SMTP password');
    expect(JSON.stringify(filled.body)).toContain('Owners of accounts that sent mail with a password (last 30 days)');
    await pages.admin.waitForBotReply({ containsText: 'New campaign: Off the SMTP password', card: true, since: 0 });
    // Now rather than next Tuesday, at any hour, and without the admin's own script (they know about it).
    await pages.admin.chooseCardOption('Start now');
    await pages.admin.fillCardInput("Delivery window, in each person's own time zone", 'always');
    await pages.admin.fillCardInput('Leave out (UPNs, separated by commas)', demo.me.userPrincipalName);
    await screenshotWhole(pages.admin, '39-smtp-campaign-form');
    const created = await pages.admin.clickCardButton('Create campaign');
    expect(JSON.stringify(created.body)).toContain('To move each account off the password');
    await screenshotWhole(pages.admin, '40-smtp-campaign-created');

    const card = await pages.owner.waitForBotReply({ containsText: 'still sends mail with a password', card: true, timeoutMs: 30_000 });
    expect(card.cards[0]!.text).toContain('A mailbox you manage sent mail with a password');

    const [campaign] = await demo.app.campaigns.store.list(1);
    await eventually(
      'the run finished',
      async () => !(await demo.app.campaigns.store.runs(campaign!.id)).some((one) => one.status === 'delivering'),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await pages.admin.sendMessage(`campaign ${campaign!.number}`);
    const status = await pages.admin.waitForBotReply({ containsText: `Campaign ${campaign!.number}`, card: true });
    expect(status.cards[0]!.text).toContain('Moved off the password after the card');
    expect(status.cards[0]!.text).not.toContain('Enrolled');
    await screenshotWhole(pages.admin, '41-smtp-campaign-status');
  });

  it('draws every text of its cards, coloured or not, at WCAG AA contrast on the light theme', async () => {
    const demo = run.demo();
    // The cards with coloured text: posture's figures, a scan's outcome, a campaign's state, the doctor's verdicts.
    for (const [message, shows] of [
      ['posture', 'MFA posture'],
      ['doctor', 'doctor'],
      [`user ${demo.me.userPrincipalName}`, demo.me.displayName],
    ] as const) {
      await pages.admin.sendMessage(message);
      await pages.admin.waitForBotReply({ containsText: shows, card: true, timeoutMs: 30_000 });
    }
    // A coloured square beside a figure is a swatch matching the chart: the word next to it carries the meaning.
    const texts = (await pages.admin.textContrasts()).filter((t) => t.text !== '■' && !t.inChart);
    expect(texts.length).toBeGreaterThan(50);
    expect(texts.filter((t) => t.ratio < (t.large ? 3 : 4.5))).toEqual([]);
  });
});

const MANAGER_DEVICE_CLOCK = new Date('2026-12-04T17:00:00Z');
const DEADLINE = '2027-01-03';

/** 04:30 on a Friday in Seattle, where the demo employee is (13:30 in Europe): outside any office hours there. */
const EARLY_SEATTLE_MORNING = new Date('2026-12-04T12:30:00Z');

describeWithBrowser('a reminder campaign in the demo, in two Playgrounds side by side', () => {
  // The README's steps must deliver at any hour: the bot's clock is set to an early morning in the employee's zone.
  const run = useDemoInChromium('demo-campaign', {
    persona: 'employee',
    otherPlaygroundPort: 0,
    users: 120,
    now: () => EARLY_SEATTLE_MORNING,
  });
  let demo: Demo;
  let employee: PlaygroundPage;
  let manager: PlaygroundPage;

  beforeAll(async () => {
    demo = run.demo();
    // The employee opens their chat first, so the bot knows where it is.
    // The employee's device is in Seattle, like their mailbox: dates on their cards are shown there.
    employee = await run.open(demo.playground, { timezoneId: 'America/Los_Angeles' });
    await firstScanDone(demo);
    // The manager's device thinks it is 4 December 2026, whatever the day the test runs: the picker then opens on
    // December, whose grid also draws 3 January 2027 (the deadline below), the case that once failed.
    manager = await run.open(demo.otherPlayground!, { clockAt: MANAGER_DEVICE_CLOCK });
  });

  it('a campaign manager creates a campaign that starts now; the employee gets the nudge; the status card shows the delivery and, after "I\'ve done it", the enrolment', async () => {
    const department = demo.me.department!;
    await manager.sendMessage('campaign new');
    await manager.waitForBotReply({ containsText: 'New reminder campaign', card: true });
    await manager.fillCardInput('Name', `${department} without MFA`);
    await manager.fillCardInput('Who to remind', 'No MFA at all');
    await manager.fillCardInput('Among', 'Chosen departments');
    // The departments the scan knows are choices: the one chosen is picked from them, as a person would.
    await manager.fillCardInput('Departments (when chosen)', department);
    // The delivery window is left as the form starts it: the demo's own sending hours (any time).
    await manager.pickCardDate('Deadline shown on the card (optional)', DEADLINE);
    await manager.screenshot('20-campaign-form');
    // Whom it would reach now, before anything is created.
    const preview = await manager.clickCardButton('Preview who it reaches');
    expect(JSON.stringify(preview.body)).toMatch(/It would reach \d+ (people|person) now: /);
    await manager.waitForBotReply({ containsText: 'It would reach', card: true, since: 0 });
    const viewport = manager.page.viewportSize()!;
    await manager.page.setViewportSize({ ...viewport, height: 2000 });
    await manager.screenshot('20b-campaign-preview');
    await manager.page.setViewportSize(viewport);
    const created = await manager.clickCardButton('Create campaign');
    expect(created.status).toBe(200);
    expect(JSON.stringify(created.body)).toContain('Created. It starts now');
    expect(JSON.stringify(created.body)).toContain('"title":"Delivery window","value":"any time"');
    await manager.screenshot('21-campaign-created');

    const nudge = await employee.waitForBotReply({ containsText: 'please protect your work account', card: true, timeoutMs: 30_000 });
    expect(nudge.cards[0]!.buttons).toContain("I've done it");
    // The deadline's day, as the client writes dates, on the employee's device in Seattle.
    expect(nudge.cards[0]!.text).toMatch(/Please do it by [^.]*\b(January 3, 2027|3 January 2027)/);
    await employee.screenshot('22-campaign-nudge');
    demo.graph.state.enrolAuthenticator(demo.me.id);
    const done = await pressDone(employee);
    expect(JSON.stringify(done.body)).toContain(`Thank you, ${demo.me.givenName}!`);

    // The run finishes (the Playground knows only a few of the department's people: the rest fail, and say so).
    const [campaign] = await demo.app.campaigns.store.list(1);
    await eventually(
      'the run finished',
      async () => !(await demo.app.campaigns.store.runs(campaign!.id)).some((run) => run.status === 'delivering'),
      { intervalMs: 200 },
    );
    await manager.sendMessage(`campaign ${campaign!.number}`);
    const status = await manager.waitForBotReply({ containsText: `Campaign ${campaign!.number}`, card: true });
    const facts = status.cards[0]!.text;
    expect(facts).toMatch(/Delivered\s+1\b/);
    expect(facts).toMatch(/Opened\s+1\b/);
    expect(facts).toMatch(/Enrolled after the nudge\s+1\b/);
    // The funnel chart is drawn (the Playground draws a horizontal bar chart with plain elements, named for readers).
    await manager.page
      .locator('.fai-OutputCard')
      .nth(status.index)
      .locator('[aria-label="People at each stage, Horizontal bar chart"]')
      .waitFor({ timeout: 10_000 });
    await manager.screenshot('23-campaign-status');
  });
});

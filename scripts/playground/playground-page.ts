import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { withCurrentUser, type PlaygroundHandle } from './start-playground';

/**
 * A page object over the Microsoft 365 Agents Playground web UI (0.2.28), driven by headless Chromium.
 *
 * Selectors (verified on 0.2.28; the UI uses Fluent UI with generated class names, so only ARIA labels, Fluent
 * component classes and the Adaptive Cards renderer's classes are stable):
 * - compose box: a Lexical editor, `[data-lexical-editor="true"][contenteditable="true"]` (the "Type a message..."
 *   text is a sibling span, not a placeholder attribute); send button `button[aria-label="Send Message"]`.
 * - every message not typed by the current user is rendered as the bot's: `.fai-OutputCard` (Fluent AI output card)
 *   under a `[aria-label="Message header"]` with `[aria-label="Message author"]` = bot name. The current user's
 *   bubbles have no author and no `.fai-OutputCard`.
 * - Adaptive Card: `.ac-adaptiveCard` (text in `.ac-textBlock`, buttons `.ac-actionSet button[title]`).
 * - after an Action.Execute / Action.Submit click: `[aria-label="Display Invoked Message"]` with "Your response was
 *   sent to the app" (or "Unable to reach app. Please try again."); the invoke response card replaces the card.
 * - conversations: `[role="treeitem"][aria-label="Personal Chat" | "<group chat name>" | "<team> - General"]`.
 * - signed-in user: name in the menu bar, `[role="toolbar"] .fui-Avatar[aria-label]`. It is not a menu: the UI has
 *   no way to switch user (see {@link PlaygroundPage.switchUser}).
 */

export const SELECTORS = {
  composeBox: '[data-lexical-editor="true"][contenteditable="true"]',
  sendButton: 'button[aria-label="Send Message"]',
  botMessage: '.fai-OutputCard',
  adaptiveCard: '.ac-adaptiveCard',
  cardTextBlock: '.ac-textBlock',
  cardButton: '.ac-actionSet button',
  invokeNotice: '[aria-label="Display Invoked Message"]',
  currentUserAvatar: '[role="toolbar"] .fui-Avatar[aria-label]',
  conversation: (label: string) => `[role="treeitem"][aria-label="${label.replace(/"/g, '\\"')}"]`,
  toggleLogPanel: 'button[title="Toggle Log Panel"]',
  /** The date picker's "January 2027" above its grid (Fluent UI's Calendar). */
  calendarMonthHeader: '.fui-CalendarDay__monthAndYear',
  /** A day cell of the month shown, not one of the neighbouring months' days drawn around it. */
  calendarOwnMonthDay: 'td.fui-CalendarDayGrid__dayCell:not(.fui-CalendarDayGrid__dayOutsideNavigatedMonth)',
} as const;

export interface OpenPlaygroundOptions {
  /** The device's light or dark setting, which the Playground follows as Teams follows its own theme. */
  colorScheme?: 'light' | 'dark';
  /** Where screenshot(name) writes `<name>.png`. Default: `<os tmp>/playground-screenshots`. */
  screenshotsDir?: string;
  /** Default: env CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
  /** Reuse a browser (e.g. one page per persona); close() then closes only this page's context. */
  browser?: Browser;
  viewport?: { width: number; height: number };
  /** The device's time zone (IANA), which dates on cards are shown in. Default: this machine's. */
  timezoneId?: string;
  /**
   * The device's clock starts at this instant and runs on from there (what the date picker opens on, what "today"
   * is to the client). Default: this machine's clock. Tests set it so that what they see does not depend on the day.
   */
  clockAt?: Date;
  /** Timeout for page readiness and the default of the waits below. Default 20 s. */
  timeoutMs?: number;
  /** The handle that started this Playground: needed by switchUser (which restarts it). */
  playground?: PlaygroundHandle;
  /** Hide the log panel for cleaner screenshots. Default false. */
  hideLogPanel?: boolean;
}

export interface CardView {
  /** The card's visible text (innerText of `.ac-adaptiveCard`, buttons included). */
  text: string;
  /** innerText of each TextBlock, in order. */
  textBlocks: string[];
  /** Titles of the card's action buttons. */
  buttons: string[];
}

export interface BotReply {
  /** Position among the bot messages of the open conversation (0 = oldest). */
  index: number;
  /** Visible text of the message (for cards: the cards' text). */
  text: string;
  /** Adaptive Cards in the message (empty for a text message). */
  cards: CardView[];
}

export interface WaitForBotReplyOptions {
  /** Wait for a new bot message whose text contains this (case-sensitive) or matches this RegExp. */
  containsText?: string | RegExp;
  /** Only accept a message that holds an Adaptive Card. */
  card?: boolean;
  timeoutMs?: number;
  /** Consider bot messages from this index on. Default: the count just before the last sendMessage (or open). */
  since?: number;
}

export interface CardActionResult {
  /** HTTP status of the Playground's /_conversation/v1/invoke (or /submit) call. */
  status: number;
  /** Its body: for Action.Execute, the invoke response (`{ type, value }`, value = the new card). */
  body: unknown;
  /** The notice shown under the card ("Your response was sent to the app" or the error). */
  notice: string;
}

export interface TextContrast {
  text: string;
  color: string;
  background: string;
  ratio: number;
  /** Large text under WCAG (at least 24 px, or 18.66 px bold): AA asks 3 instead of 4.5. */
  large: boolean;
  /** Drawn by a chart the Playground renders (its labels sit beside its bars, not on the colour found behind them). */
  inChart: boolean;
}

export interface PlaygroundPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The Playground's own URL, e.g. http://localhost:56150 (changes if switchUser had to take another port). */
  readonly url: string;
  /** Display name of the user the UI types as. */
  currentUserName(): Promise<string>;
  /** Opens a conversation from the left rail by its label ("Personal Chat", the group chat name, "<team> - General"). */
  selectConversation(label: string): Promise<void>;
  /** Types one line in the compose box and sends it; resolves when the Playground accepted it. Returns its message id. */
  sendMessage(text: string): Promise<string>;
  botMessageCount(): Promise<number>;
  botReplies(): Promise<BotReply[]>;
  /** Waits for a bot message newer than the last sendMessage (see options). */
  waitForBotReply(options?: WaitForBotReplyOptions): Promise<BotReply>;
  /** The last Adaptive Card in the open conversation. */
  lastCard(): Promise<CardView>;
  lastCardText(): Promise<string>;
  /**
   * Fills an input of the latest card, found by its label: types into a text or number field, or picks the option
   * with this title from a drop-down (a compact choice set); `chooseCardOption` picks a radio button.
   */
  fillCardInput(label: string, value: string): Promise<void>;
  /** Picks a day (YYYY-MM-DD) in the date input with this label on the latest card. */
  pickCardDate(label: string, day: string): Promise<void>;
  /** Picks the radio button with this title on the latest card (an expanded choice set). */
  chooseCardOption(title: string): Promise<void>;
  /** Clicks the button with this title on the latest card that has one; waits for the Playground's invoke call. */
  clickCardButton(title: string, options?: { timeoutMs?: number }): Promise<CardActionResult>;
  /**
   * Clicks the part of the latest card that is itself a button (an element's selectAction: a list's row, a table's
   * cell) and shows this text; waits for the Playground's invoke call as clickCardButton does.
   */
  clickCardRow(text: string, options?: { timeoutMs?: number }): Promise<CardActionResult>;
  /**
   * Chats as another configured user. The UI cannot do this, so the Playground is restarted with that user as the
   * current user (their own personal chat; history is lost) and the page reloaded. Needs `playground` at open.
   */
  switchUser(nameOrId: string): Promise<void>;
  /**
   * Every piece of text in the bot's cards with its colour as drawn, the background behind it, and their contrast ratio
   * (WCAG 2: 4.5 is AA for normal text, 3 for large or bold text of at least 18.66 px).
   */
  textContrasts(): Promise<TextContrast[]>;
  /** Writes `<screenshotsDir>/<name>.png` and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(chromiumPath?: string): Promise<Browser> {
  // A run with a moved clock (libfaketime, see test/README.md) does not reach into the browser: Chromium does not
  // start under it, and a page's clock is set on its own (openPlayground's clockAt).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'LD_PRELOAD' && !key.startsWith('FAKETIME')),
  ) as Record<string, string>;
  return chromium.launch({ executablePath: chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: LAUNCH_ARGS, env });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function matches(text: string, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
}

async function readCard(card: Locator): Promise<CardView> {
  const [text, textBlocks, buttons] = await Promise.all([
    card.innerText(),
    card.locator(SELECTORS.cardTextBlock).allInnerTexts(),
    card
      .locator(SELECTORS.cardButton)
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('title') ?? n.getAttribute('aria-label') ?? '')),
  ]);
  return { text: text.trim(), textBlocks: textBlocks.map((t) => t.trim()), buttons };
}

async function readBotMessage(message: Locator, index: number): Promise<BotReply> {
  const cardLocators = await message.locator(SELECTORS.adaptiveCard).all();
  const cards = await Promise.all(cardLocators.map(readCard));
  const text = cards.length > 0 ? cards.map((c) => c.text).join('\n') : (await message.innerText()).trim();
  return { index, text, cards };
}

/** Opens the Playground UI in headless Chromium and waits until the personal chat is ready to type in. */
export async function openPlayground(url: string, options: OpenPlaygroundOptions = {}): Promise<PlaygroundPage> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const screenshotsDir = options.screenshotsDir ?? join(tmpdir(), 'playground-screenshots');
  const ownBrowser = !options.browser;
  const browser = options.browser ?? (await launchChromium(options.chromiumPath));
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 900 },
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  // Offline: the UI asks res-1.cdn.office.net for Segoe UI fonts; failing fast beats waiting for DNS.
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/]|\[::1\][:/])/, (route) => route.abort());
  if (options.clockAt) await context.clock.install({ time: options.clockAt });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  let currentUrl = url.replace(/\/$/, '');
  let baseline = 0;

  const botMessages = () => page.locator(SELECTORS.botMessage);

  /** Clicks `control` in the bot's message `target`, waits for the invoke call, and reads its answer and the notice. */
  const pressAndRead = async (target: Locator, control: Locator, timeout?: number): Promise<CardActionResult> => {
    const wait = timeout ?? timeoutMs;
    const noticesBefore = await target.locator(SELECTORS.invokeNotice).count();
    const called = page.waitForResponse((r) => /\/_conversation\/v1\/(invoke|submit)$/.test(r.url()) && r.request().method() === 'POST', {
      timeout: wait,
    });
    await control.click();
    const response = await called;
    const raw = await response.text();
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* not JSON */
    }
    // The notice (and the refreshed card) render right after the response.
    const notice = target.locator(SELECTORS.invokeNotice);
    const deadline = Date.now() + wait;
    while (noticesBefore === 0 && Date.now() < deadline && (await notice.count()) === 0) await sleep(50);
    const noticeText = (await notice.count()) > 0 ? (await notice.last().innerText()).trim() : '';
    return { status: response.status(), body, notice: noticeText };
  };
  /** The input of the latest card with this label. */
  const cardInput = async (label: string) => {
    const card = page.locator(`${SELECTORS.botMessage} ${SELECTORS.adaptiveCard}`).last();
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const labelElement = card.locator('label.ac-richTextBlock', { hasText: new RegExp(`^\\s*${escaped}\\s*\\*?\\s*$`) }).first();
    const id = await labelElement.getAttribute('for');
    if (!id) throw new Error(`No input labelled "${label}" on the latest card`);
    return card.locator(`[id="${id}"]`);
  };

  async function load(target: string): Promise<void> {
    // The UI fetches /_internal/v1/config (the Playground holds it until the bot endpoint answers, up to 15 s), then
    // POSTs /_debug/conversation/<personal chat>/installation, which sends installationUpdate + conversationUpdate
    // (membersAdded) to the bot — on every page load.
    const config = page.waitForResponse((r) => r.url().endsWith('/_internal/v1/config'), { timeout: timeoutMs });
    const installation = page
      .waitForResponse((r) => /\/_debug\/conversation\/[^/]+\/installation$/.test(r.url()), { timeout: timeoutMs })
      .catch(() => undefined);
    await Promise.all([config, page.goto(target, { waitUntil: 'domcontentloaded' })]);
    await page.locator(SELECTORS.composeBox).waitFor({ state: 'visible' });
    await installation;
    if (options.hideLogPanel) await page.locator(SELECTORS.toggleLogPanel).click();
    baseline = await botMessages().count();
  }

  /** A page that failed to load is of no use: release the browser it holds, then report the failure. */
  async function loadOrRelease(target: string): Promise<void> {
    try {
      await load(target);
    } catch (error) {
      await context.close().catch(() => undefined);
      if (ownBrowser) await browser.close().catch(() => undefined);
      throw error;
    }
  }

  await loadOrRelease(currentUrl);

  const api: PlaygroundPage = {
    browser,
    context,
    page,
    get url() {
      return currentUrl;
    },

    async currentUserName() {
      return (await page.locator(SELECTORS.currentUserAvatar).first().getAttribute('aria-label')) ?? '';
    },

    async selectConversation(label) {
      await page.locator(SELECTORS.conversation(label)).click();
      await page.locator(SELECTORS.composeBox).waitFor({ state: 'visible' });
      baseline = await botMessages().count();
    },

    async sendMessage(text) {
      // Shift+Enter makes a new paragraph, but the UI then sends the lines joined with no separator at all.
      if (/[\r\n]/.test(text)) throw new Error('The Playground cannot send multi-line messages (it joins the lines without a separator)');
      baseline = await botMessages().count();
      await page.locator(SELECTORS.composeBox).click();
      await page.keyboard.insertText(text);
      const posted = page.waitForResponse(
        (r) => /\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(r.url()) && r.request().method() === 'POST',
      );
      await page.locator(SELECTORS.sendButton).click();
      const response = await posted;
      if (!response.ok()) throw new Error(`The Playground refused the message: HTTP ${response.status()} ${await response.text()}`);
      const body = (await response.json()) as { messageId?: string };
      return body.messageId ?? '';
    },

    async botMessageCount() {
      return botMessages().count();
    },

    async botReplies() {
      const all = await botMessages().all();
      return Promise.all(all.map((m, i) => readBotMessage(m, i)));
    },

    async waitForBotReply(waitOptions = {}) {
      const since = waitOptions.since ?? baseline;
      const deadline = Date.now() + (waitOptions.timeoutMs ?? timeoutMs);
      let seen: BotReply[] = [];
      while (Date.now() < deadline) {
        const count = await botMessages().count();
        seen = [];
        for (let i = since; i < count; i++) {
          const reply = await readBotMessage(botMessages().nth(i), i).catch(() => undefined);
          if (!reply) continue;
          seen.push(reply);
          if ((!waitOptions.card || reply.cards.length > 0) && matches(reply.text, waitOptions.containsText)) return reply;
        }
        await sleep(100);
      }
      const what = [
        waitOptions.card ? 'a card' : 'a message',
        waitOptions.containsText !== undefined ? `containing ${String(waitOptions.containsText)}` : '',
      ]
        .filter(Boolean)
        .join(' ');
      throw new Error(
        `No bot reply with ${what} within ${waitOptions.timeoutMs ?? timeoutMs} ms (bot messages since #${since}: ${
          seen.length === 0 ? 'none' : seen.map((r) => JSON.stringify(r.text.slice(0, 200))).join(', ')
        })`,
      );
    },

    async lastCard() {
      const cards = page.locator(`${SELECTORS.botMessage} ${SELECTORS.adaptiveCard}`);
      if ((await cards.count()) === 0) throw new Error('No Adaptive Card in the open conversation');
      return readCard(cards.last());
    },

    async lastCardText() {
      return (await api.lastCard()).text;
    },

    async fillCardInput(label, value) {
      const input = await cardInput(label);
      if ((await input.getAttribute('role')) === 'combobox') {
        await input.click();
        // A single choice is an option; a multi-select draws each choice as a checkbox, and stays open after a pick.
        const choice = page
          .getByRole('option', { name: value, exact: true })
          .or(page.getByRole('menuitemcheckbox', { name: value, exact: true }))
          .or(page.getByRole('checkbox', { name: value, exact: true }));
        await choice.first().click();
        if ((await input.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
        return;
      }
      await input.fill(value);
    },

    async pickCardDate(label, day) {
      // The Playground draws Input.Date as a date picker that takes no typing: open its calendar, step to the
      // target month by its header ("January 2027"), then press that month's own day. The grid also draws the
      // neighbouring months' first and last days (names like "3, January, 2027" too); those cells do not take a
      // click, so a helper that pressed the first button with the right name failed whenever the target day was
      // drawn as one of them.
      const [year, month, date] = day.split('-').map(Number) as [number, number, number];
      const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
      await (await cardInput(label)).click();
      const calendar = page.getByRole('dialog', { name: 'Calendar' }).last();
      const header = calendar.locator(`${SELECTORS.calendarMonthHeader}:visible`).first();
      const targetIndex = year * 12 + (month - 1);
      for (let steps = 0; ; steps++) {
        const shown = /([A-Za-z]+)\s+(\d{4})/.exec(await header.innerText());
        const shownIndex = shown ? Number(shown[2]) * 12 + new Date(`${shown[1]} 1, 2000`).getMonth() : NaN;
        if (!Number.isFinite(shownIndex)) throw new Error(`The date picker of "${label}" shows no month and year`);
        if (shownIndex === targetIndex) break;
        if (steps > 240) throw new Error(`Could not step the date picker of "${label}" to ${monthName} ${year}`);
        await calendar.locator(shownIndex < targetIndex ? 'button[title^="Next month"]' : 'button[title^="Previous month"]').click();
        await header.filter({ hasNotText: shown![0] }).waitFor();
      }
      const dayButton = calendar.locator(`${SELECTORS.calendarOwnMonthDay} button[aria-label="${date}, ${monthName}, ${year}"]:visible`);
      await dayButton.click();
    },

    async chooseCardOption(title) {
      await page
        .locator(`${SELECTORS.botMessage} ${SELECTORS.adaptiveCard}`)
        .last()
        .getByRole('radio', { name: title, exact: true })
        .check();
    },

    async clickCardButton(title, clickOptions = {}) {
      const buttonSelector = `${SELECTORS.adaptiveCard} ${SELECTORS.cardButton}[title="${title.replace(/"/g, '\\"')}"]`;
      let index = (await botMessages().count()) - 1;
      while (index >= 0 && (await botMessages().nth(index).locator(buttonSelector).count()) === 0) index--;
      if (index < 0) throw new Error(`No card button titled "${title}" in the open conversation`);
      return pressAndRead(botMessages().nth(index), botMessages().nth(index).locator(buttonSelector).last(), clickOptions.timeoutMs);
    },

    async clickCardRow(text, clickOptions = {}) {
      // The renderer draws a selectAction as an element with role="button" (buttons of action sets are <button>s).
      const rows = `${SELECTORS.adaptiveCard} div[role="button"]`;
      let index = (await botMessages().count()) - 1;
      while (index >= 0 && (await botMessages().nth(index).locator(rows, { hasText: text }).count()) === 0) index--;
      if (index < 0) throw new Error(`No part of a card that is a button shows "${text}" in the open conversation`);
      return pressAndRead(
        botMessages().nth(index),
        botMessages().nth(index).locator(rows, { hasText: text }).last(),
        clickOptions.timeoutMs,
      );
    },

    async switchUser(nameOrId) {
      const playground = options.playground;
      if (!playground) {
        throw new Error(
          'The Playground UI has no user switcher: pass { playground } to openPlayground so switchUser can restart it as another user',
        );
      }
      await playground.restart(withCurrentUser(playground.config, nameOrId));
      currentUrl = playground.url;
      await loadOrRelease(currentUrl);
      const name = await api.currentUserName();
      if (name !== playground.config.currentUser.name)
        throw new Error(`After switching, the UI shows "${name}", not "${playground.config.currentUser.name}"`);
    },

    async textContrasts() {
      return page.evaluate(`(${READ_TEXT_CONTRASTS})(${JSON.stringify(`${SELECTORS.botMessage} ${SELECTORS.adaptiveCard}`)})`) as Promise<
        TextContrast[]
      >;
    },

    async screenshot(name) {
      mkdirSync(screenshotsDir, { recursive: true });
      const path = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path });
      return path;
    },

    async close() {
      await context.close().catch(() => undefined);
      if (ownBrowser) await browser.close().catch(() => undefined);
    },
  };
  return api;
}

/**
 * Runs in the page (plain JavaScript: this project is not compiled against the DOM): each text element of the cards,
 * its computed colour and the first opaque background behind it, blended as the browser draws them, and the WCAG
 * contrast ratio between the two.
 */
const READ_TEXT_CONTRASTS = `(cardSelector) => {
  const parse = (css) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(css);
    if (!m) return [255, 255, 255, 1];
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const channel = (v) => { const c = v / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = (rgb) => 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c[3] > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const results = [];
  for (const card of document.querySelectorAll(cardSelector)) {
    for (const element of card.querySelectorAll('p, span, div, td, li')) {
      const own = Array.from(element.childNodes).some((n) => n.nodeType === 3 && (n.textContent || '').trim() !== '');
      if (!own) continue;
      const style = getComputedStyle(element);
      const c = parse(style.color);
      const behind = backgroundOf(element);
      const drawn = [0, 1, 2].map((i) => c[i] * c[3] + behind[i] * (1 - c[3]));
      const [light, dark] = [luminance(drawn), luminance(behind)].sort((x, y) => y - x);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 600;
      results.push({
        text: (element.textContent || '').trim().slice(0, 80),
        color: style.color,
        background: 'rgb(' + behind.join(', ') + ')',
        ratio: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
        large: size >= 24 || (bold && size >= 18.66),
        inChart: element.closest('[aria-label*="chart" i]') !== null,
      });
    }
  }
  return results;
}`;

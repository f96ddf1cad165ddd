import type { ChatOutcome, InstallOutcome } from '../../../src/domain/ports/nudge-delivery';
import type { SendGate } from '../../../src/domain/ports/send-gate';
import { reachPersonalChat, type PersonalChatDeps } from '../../../src/use-cases/reach-personal-chat';
import { InMemoryConversationReferenceStore } from '../../fakes/in-memory-conversation-reference-store';
import { personalChat } from './recording-teams';

/** What the Connector answers while a fresh install has not reached it (the messenger's reading of its 403). */
const NOT_INSTALLED: ChatOutcome = { kind: 'notInstallable', reason: 'ForbiddenOperationException' };
const NOT_FOUND: ChatOutcome = { kind: 'failed', reason: 'Bot Connector answered 404 ConversationNotFound', status: 404 };

/**
 * reachPersonalChat on fakes: Adele has no chat yet; installing answers `install`; opening her chat answers
 * `answers` one by one, then opens it. Waits are recorded, never slept; the gate notes its places in `events`.
 */
function setUp(install: InstallOutcome, ...answers: ChatOutcome[]) {
  const events: string[] = [];
  const waits: number[] = [];
  const references = new InMemoryConversationReferenceStore();
  const deps: PersonalChatDeps = {
    references,
    installer: { installFor: async () => install },
    messenger: {
      openPersonalChat: async (userId) => {
        events.push('open chat');
        return answers.shift() ?? { kind: 'opened', reference: personalChat(userId) };
      },
    },
    chatAfterInstall: {
      sleep: async (ms) => {
        waits.push(ms);
        events.push(`wait ${ms}`);
      },
      // No jitter: each wait is the full doubling.
      random: () => 0,
    },
  };
  const gate: Pick<SendGate, 'place'> = {
    place: async (request) => {
      events.push(`place ${request}`);
      return () => events.push(`free ${request}`);
    },
  };
  const opens = () => events.filter((e) => e === 'open chat').length;
  return { deps, gate, events, waits, opens, references, reach: () => reachPersonalChat(deps, 'adele', gate) };
}

describe('reaching the personal chat of someone the bot was just installed for', () => {
  it("opens it once Teams' 403 has passed, after waits that double, and keeps it", async () => {
    const { reach, waits, opens, references } = setUp({ kind: 'installed' }, NOT_INSTALLED, NOT_INSTALLED, NOT_INSTALLED);
    expect(await reach()).toEqual({ kind: 'reached', reference: personalChat('adele') });
    expect(waits).toEqual([2000, 4000, 8000]);
    expect(opens()).toBe(4);
    expect(await references.findPersonalByUser('adele')).toEqual(personalChat('adele'));
  });

  it('waits for a 404 the same way', async () => {
    const { reach, waits } = setUp({ kind: 'installed' }, NOT_FOUND, NOT_INSTALLED);
    expect((await reach()).kind).toBe('reached');
    expect(waits).toEqual([2000, 4000]);
  });

  it('gives up as not installable once the waits add up to the bound, saying so and what Teams last answered', async () => {
    const { reach, waits, opens, references } = setUp({ kind: 'installed' }, ...Array<ChatOutcome>(50).fill(NOT_INSTALLED));
    expect(await reach()).toEqual({
      kind: 'notInstallable',
      reason: 'Teams did not open the chat within 60 s of installing the app (last answer: ForbiddenOperationException)',
    });
    // 2 + 4 + 8 + 16 s, then the rest of the minute.
    expect(waits).toEqual([2000, 4000, 8000, 16_000, 30_000]);
    expect(opens()).toBe(6);
    expect(await references.findPersonalByUser('adele')).toBeUndefined();
  });

  it('takes its bound and first wait from the options, and jitters each wait by up to a quarter', async () => {
    const { deps, waits, opens } = setUp({ kind: 'installed' }, ...Array<ChatOutcome>(50).fill(NOT_FOUND));
    deps.chatAfterInstall = { ...deps.chatAfterInstall, firstDelayMs: 1000, totalMs: 10_000, random: () => 0.5 };
    const outcome = await reachPersonalChat(deps, 'adele');
    expect(outcome).toMatchObject({ kind: 'notInstallable', reason: expect.stringContaining('within 10 s of installing') });
    // An eighth off each (random 0.5), the last cut to what is left of the bound.
    expect(waits).toEqual([875, 1750, 3500, 3875]);
    expect(waits.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(opens()).toBe(5);
  });

  it('says "try again" instead of "not installable" past a shorter bound, for a caller that cannot wait a minute', async () => {
    const { deps, waits } = setUp({ kind: 'installed' }, ...Array<ChatOutcome>(50).fill(NOT_INSTALLED));
    deps.chatAfterInstall = { ...deps.chatAfterInstall, totalMs: 8000, thenTryLater: true };
    expect(await reachPersonalChat(deps, 'adele')).toEqual({
      kind: 'failed',
      transient: true,
      reason: 'Teams did not open the chat within 8 s of installing the app (last answer: ForbiddenOperationException)',
    });
    expect(waits).toEqual([2000, 4000, 2000]);
  });

  it('takes a place in the send gate for each try, and frees it before waiting', async () => {
    const { reach, events } = setUp({ kind: 'installed' }, NOT_INSTALLED, NOT_INSTALLED);
    await reach();
    expect(events).toEqual([
      'place newChat',
      'open chat',
      'free newChat',
      'wait 2000',
      'place newChat',
      'open chat',
      'free newChat',
      'wait 4000',
      'place newChat',
      'open chat',
      'free newChat',
    ]);
  });
});

describe('refusals reaching the personal chat does not wait out', () => {
  it('takes a 403 as final when the app was already installed: the install is not what Teams waits for', async () => {
    const { reach, waits, opens } = setUp({ kind: 'alreadyInstalled' }, NOT_INSTALLED, NOT_FOUND);
    expect(await reach()).toEqual(NOT_INSTALLED);
    expect(waits).toEqual([]);
    expect(opens()).toBe(1);
  });

  it.each<[string, ChatOutcome]>([
    ['blocked the bot', { kind: 'blocked', code: 'ConversationBlockedByUser' }],
    ['asked to slow down', { kind: 'throttled', retryAfterMs: 30_000 }],
    ['failed in passing', { kind: 'failed', reason: 'Bot Connector answered 412 PreconditionFailed', transient: true, status: 412 }],
    ['refused otherwise', { kind: 'failed', reason: 'Bot Connector answered 400 BadArgument', status: 400 }],
  ])('hands back at once a chat Teams %s about, even after a fresh install', async (_, answer) => {
    const { reach, waits, opens } = setUp({ kind: 'installed' }, answer);
    expect(await reach()).toEqual(answer);
    expect(waits).toEqual([]);
    expect(opens()).toBe(1);
  });

  it('stops waiting as soon as Teams answers something else, and hands that back', async () => {
    const blocked: ChatOutcome = { kind: 'blocked', code: 'ConversationBlockedByUser' };
    const { reach, waits } = setUp({ kind: 'installed' }, NOT_INSTALLED, blocked);
    expect(await reach()).toEqual(blocked);
    expect(waits).toEqual([2000]);
  });

  it('opens no chat for someone the app could not be installed for, nor for someone whose chat is known', async () => {
    const refused = setUp({ kind: 'notInstallable', reason: 'not in the catalog' });
    expect(await refused.reach()).toEqual({ kind: 'notInstallable', reason: 'not in the catalog' });
    expect(refused.events).toEqual([]);

    const known = setUp({ kind: 'installed' }, NOT_INSTALLED);
    await known.references.save(personalChat('adele'));
    expect(await known.reach()).toEqual({ kind: 'reached', reference: personalChat('adele') });
    expect(known.events).toEqual([]);
  });
});

import type { DeliveryFact } from '../../../src/domain/campaigns/campaign-funnel';
import type { DeliveryOutcome } from '../../../src/domain/ports/nudge-delivery';
import { escalateUnanswered, type EscalationDeps } from '../../../src/use-cases/escalate-unanswered';
import { campaignPlan } from '../../fakes/campaign-plan';
import { inMemoryCampaignStore } from '../../fakes/in-memory-campaign-store';
import { InMemoryConversationReferenceStore } from '../../fakes/in-memory-conversation-reference-store';
import { deliveryFact } from './delivery-facts';
import { personalChat, RecordingTeams } from './recording-teams';

const NOW = new Date('2026-12-10T10:00:00Z');
const DAY = 24 * 3600_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const owner = { id: 'megan', name: 'Megan Bowen' };

/** A person's nudges of the campaign, one per run, each sent this many days ago; their manager as the scan names them. */
function nudged(userId: string, managerId: string, sentDaysAgo: number[], more: Partial<DeliveryFact> = {}): DeliveryFact[] {
  return sentDaysAgo.map((days, run) =>
    deliveryFact(`run-${run}`, userId, 'sent', {
      sentAt: daysAgo(days),
      managerId,
      userPrincipalName: `${userId}@contoso.example`,
      displayName: `${userId[0]!.toUpperCase()}${userId.slice(1)}`,
      ...more,
    }),
  );
}

/**
 * After two unanswered nudges, each given a day to be answered: ann, bob (the boss's) and fay (another manager's)
 * are due. Cat had one nudge; dan answered one; eve set up MFA; gus's second nudge is still within its day.
 */
const FACTS = [
  ...nudged('ann', 'boss', [9, 2]),
  ...nudged('bob', 'boss', [9, 2]),
  ...nudged('cat', 'boss', [9]),
  ...nudged('dan', 'boss', [9]),
  ...nudged('dan', 'boss', [2], { runId: 'run-1', answered: true }),
  ...nudged('eve', 'boss', [9, 2], { enrolledAt: daysAgo(1) }),
  ...nudged('fay', 'other-boss', [9, 2]),
  ...nudged('gus', 'boss', [9, 0.5]),
];

async function setUp(plan = campaignPlan({ escalateAfter: 2, deadline: '2026-12-31' })) {
  const { store, reports, ledger } = inMemoryCampaignStore();
  const campaign = await store.create(plan, owner, daysAgo(10));
  reports.setFacts(campaign.id, FACTS);
  const teams = new RecordingTeams();
  const references = new InMemoryConversationReferenceStore();
  // Both managers have talked to the bot before: their chats are known.
  for (const manager of ['boss', 'other-boss']) await references.save(personalChat(manager));
  const deps: EscalationDeps = {
    campaigns: store,
    references,
    installer: teams.installer,
    messenger: teams.messenger,
    pace: async () => {
      teams.events.push('place');
      return () => teams.events.push('free');
    },
    now: () => NOW,
    graceMs: DAY,
  };
  return { deps, campaign, store, reports, ledger, teams, references, escalate: () => escalateUnanswered(deps, campaign.id) };
}

const reportsOf = (summary: { reports: { userId: string }[] } | undefined) => summary?.reports.map((report) => report.userId);

describe('escalating unanswered nudges to managers', () => {
  it('tells each manager, on one card, about their own reports who left enough nudges unanswered', async () => {
    const { escalate, teams, store, campaign } = await setUp();
    expect(await escalate()).toEqual({ managersTold: 2, peopleEscalated: 3, managersFailed: 0, retryLater: false });
    expect(teams.summaries).toEqual([
      {
        managerId: 'boss',
        campaignName: 'December',
        deadline: '2026-12-31',
        reports: [
          { userId: 'ann', displayName: 'Ann', userPrincipalName: 'ann@contoso.example', unansweredNudges: 2 },
          { userId: 'bob', displayName: 'Bob', userPrincipalName: 'bob@contoso.example', unansweredNudges: 2 },
        ],
      },
      expect.objectContaining({ managerId: 'other-boss', reports: [expect.objectContaining({ userId: 'fay' })] }),
    ]);
    expect(await store.escalationCounts(campaign.id)).toEqual({ managers: 2, people: 3, failedManagers: 0 });
  });

  it('reads the deliveries a page of people at a time, and still tells each manager once, about reports from every page', async () => {
    const { deps, escalate, teams, store, reports } = await setUp();
    deps.peoplePerPage = 2;
    const whole = jest.spyOn(store, 'deliveryFacts');
    expect(await escalate()).toEqual({ managersTold: 2, peopleEscalated: 3, managersFailed: 0, retryLater: false });
    expect(teams.summaries.map((summary) => [summary.managerId, reportsOf(summary)])).toEqual([
      ['boss', ['ann', 'bob']],
      ['other-boss', ['fay']],
    ]);
    // Seven people (ann to gus), two at a time.
    expect(reports.pagesRead).toEqual([2, 2, 2, 1]);
    expect(whole).not.toHaveBeenCalled();
  });

  it('gathers the reports of one manager from different pages onto one card', async () => {
    const { deps, escalate, teams, reports, campaign } = await setUp();
    deps.peoplePerPage = 1;
    reports.setFacts(campaign.id, [
      ...nudged('ann', 'boss', [9, 2]),
      ...nudged('zed', 'other-boss', [9, 2]),
      ...nudged('bob', 'boss', [9, 2]),
    ]);
    expect(await escalate()).toMatchObject({ managersTold: 2, peopleEscalated: 3 });
    expect(teams.summaries.map((summary) => [summary.managerId, reportsOf(summary)])).toEqual([
      ['boss', ['ann', 'bob']],
      ['other-boss', ['zed']],
    ]);
    expect(reports.pagesRead).toEqual([1, 1, 1, 0]);
  });

  it('tells a manager about each person once: a second look sends nothing, and someone due later is told alone', async () => {
    const { escalate, teams, reports, campaign } = await setUp();
    await escalate();
    expect(await escalate()).toEqual({ managersTold: 0, peopleEscalated: 0, managersFailed: 0, retryLater: false });
    expect(teams.summaries).toHaveLength(2);

    reports.setFacts(campaign.id, [...FACTS, ...nudged('cat', 'boss', [2], { runId: 'run-1' })]);
    expect(await escalate()).toMatchObject({ managersTold: 1, peopleEscalated: 1 });
    expect(reportsOf(teams.summaries[2])).toEqual(['cat']);
  });

  it('leaves out of the card whoever another instance claimed meanwhile, and sends no card when it claimed them all', async () => {
    const { deps, store, teams, campaign } = await setUp();
    // Another instance claims bob and fay between this one's look at the ledger and its own claims.
    let raced = false;
    deps.campaigns = {
      ...store,
      claimEscalations: async (...args) => {
        if (!raced) {
          raced = true;
          await store.claimEscalations(campaign.id, 'boss', ['bob'], NOW);
          await store.claimEscalations(campaign.id, 'other-boss', ['fay'], NOW);
        }
        return store.claimEscalations(...args);
      },
    };
    expect(await escalateUnanswered(deps, campaign.id)).toMatchObject({ managersTold: 1, peopleEscalated: 1 });
    expect(teams.summaries.map((summary) => [summary.managerId, reportsOf(summary)])).toEqual([['boss', ['ann']]]);
  });

  it.each<[string, DeliveryOutcome]>([
    ['Teams asks to slow down', { kind: 'throttled', retryAfterMs: 2000 }],
    ['a passing failure', { kind: 'failed', reason: 'Bot Connector answered 412', transient: true }],
  ])('gives the claims back after %s, so that a later try tells the manager', async (_case, answer) => {
    const { escalate, teams, store, campaign } = await setUp();
    teams.cardAnswers('boss', answer);
    expect(await escalate()).toEqual({ managersTold: 1, peopleEscalated: 1, managersFailed: 0, retryLater: true });
    expect(await store.escalated(campaign.id)).toEqual(new Set(['fay']));

    expect(await escalate()).toEqual({ managersTold: 1, peopleEscalated: 2, managersFailed: 0, retryLater: false });
    expect(teams.summaries.map((summary) => [summary.managerId, reportsOf(summary)])).toEqual([
      ['boss', ['ann', 'bob']],
      ['other-boss', ['fay']],
      ['boss', ['ann', 'bob']],
    ]);
  });

  it.each<[string, DeliveryOutcome, string]>([
    ['blocked the bot', { kind: 'blocked', code: 'Forbidden' }, 'blocked'],
    ['refused the card for good', { kind: 'failed', reason: 'Bot Connector answered 400' }, 'Bot Connector answered 400'],
    ['may have had the card', { kind: 'uncertain', reason: 'Bot Connector answered 504' }, 'uncertain: Bot Connector answered 504'],
  ])('records a manager who %s as failed, with the reason, and never tries them again', async (_case, answer, reason) => {
    const { escalate, teams, store, ledger, campaign } = await setUp();
    teams.cardAnswers('boss', answer);
    expect(await escalate()).toEqual({ managersTold: 1, peopleEscalated: 1, managersFailed: 1, retryLater: false });
    expect(ledger.escalationOf(campaign.id, 'ann')).toMatchObject({ managerId: 'boss', status: 'failed', reason });
    expect(await store.escalationCounts(campaign.id)).toEqual({ managers: 1, people: 1, failedManagers: 1 });

    await escalate();
    expect(teams.summaries.filter((summary) => summary.managerId === 'boss')).toHaveLength(1);
  });

  it("gives the claims back when something fails before the manager's card leaves (the stored chat cannot be read)", async () => {
    const { deps, escalate, teams, store, campaign } = await setUp();
    const references = deps.references;
    let blip = true;
    deps.references = {
      ...references,
      findPersonalByUser: async (userId) => {
        if (userId === 'boss' && blip) throw new Error('connection terminated unexpectedly');
        return references.findPersonalByUser(userId);
      },
      save: (reference) => references.save(reference),
    };
    expect(await escalate()).toEqual({ managersTold: 1, peopleEscalated: 1, managersFailed: 0, retryLater: true });
    expect(await store.escalated(campaign.id)).toEqual(new Set(['fay']));
    blip = false;
    expect(await escalate()).toMatchObject({ managersTold: 1, peopleEscalated: 2, retryLater: false });
    expect(teams.summaries.map((summary) => summary.managerId)).toEqual(['other-boss', 'boss']);
  });

  it("settles the people as uncertain, never told again, when sending the manager's card fails in the bot after it left", async () => {
    const { deps, escalate, teams, ledger, campaign } = await setUp();
    const messenger = deps.messenger;
    deps.messenger = {
      ...messenger,
      sendManagerSummary: async (reference, summary) => {
        await messenger.sendManagerSummary(reference, summary);
        if (summary.managerId === 'boss') throw new Error('the answer could not be read');
        return { kind: 'sent', conversationId: reference.conversationId };
      },
    };
    expect(await escalate()).toEqual({ managersTold: 1, peopleEscalated: 1, managersFailed: 1, retryLater: false });
    expect(ledger.escalationOf(campaign.id, 'ann')).toMatchObject({ status: 'failed', reason: 'uncertain: the answer could not be read' });
    await escalate();
    expect(teams.summaries.filter((summary) => summary.managerId === 'boss')).toHaveLength(1);
  });

  it('records a manager the app cannot be installed for as failed, without opening a chat or sending a card', async () => {
    const { escalate, teams, references, ledger, campaign } = await setUp();
    await references.markUninstalled('a:boss', NOW);
    teams.installAnswers('boss', { kind: 'notInstallable', reason: 'not in the catalog' });
    expect(await escalate()).toMatchObject({ managersTold: 1, managersFailed: 1 });
    expect(ledger.escalationOf(campaign.id, 'bob')).toMatchObject({ status: 'failed', reason: 'notInstallable' });
    expect(teams.events.filter((event) => event.endsWith(' boss'))).toEqual(['install boss']);
  });

  it("takes a place in the send budget for a manager's new chat and for the card, each freed once Teams answered", async () => {
    const { escalate, teams, references } = await setUp();
    await references.markUninstalled('a:boss', NOW);
    await escalate();
    expect(teams.events).toEqual([
      'install boss',
      'place',
      'open chat boss',
      'free',
      'place',
      'summary boss',
      'free',
      // The other manager's chat is known: the card's place only.
      'place',
      'summary other-boss',
      'free',
    ]);
    // Kept: the next card to the boss needs no new chat.
    expect(await references.findPersonalByUser('boss')).toEqual(personalChat('boss'));
  });

  it('escalates nothing for a campaign that does not escalate, a cancelled one, or one nobody has', async () => {
    const never = await setUp(campaignPlan());
    expect(await never.escalate()).toMatchObject({ managersTold: 0, peopleEscalated: 0 });
    const cancelled = await setUp();
    await cancelled.store.setStatus(cancelled.campaign.id, 'cancelled', ['active'], NOW);
    expect(await cancelled.escalate()).toMatchObject({ managersTold: 0, peopleEscalated: 0 });
    expect(await escalateUnanswered(cancelled.deps, '6f1c2a1e-0000-4000-8000-000000000000')).toMatchObject({ managersTold: 0 });
    expect([...never.teams.events, ...cancelled.teams.events]).toEqual([]);
  });
});

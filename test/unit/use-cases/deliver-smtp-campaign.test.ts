import type { Database } from '../../../src/adapters/storage/database';
import { sqlCampaignStore } from '../../../src/adapters/storage/sql-campaign-store';
import { SqlSmtpOwnerNudges } from '../../../src/adapters/storage/sql-smtp-owner-nudges';
import { SqlSmtpSenderStore } from '../../../src/adapters/storage/sql-smtp-sender-store';
import type { CampaignPlan } from '../../../src/domain/campaigns/campaign';
import { smtpCardRequestKey } from '../../../src/domain/campaigns/campaign-run';
import type { CampaignStore } from '../../../src/domain/ports/campaign-store';
import type { SmtpSender } from '../../../src/domain/smtp/smtp-sender';
import { deliverDueBatch, type DeliverCampaignDeps } from '../../../src/use-cases/deliver-campaign';
import type { SmtpOwnerNudgeRequest, SmtpOwnerNudgeResult } from '../../../src/use-cases/send-smtp-owner-nudge';
import { campaignPlan } from '../../fakes/campaign-plan';
import { databaseTargets } from '../../support/test-database';

const NOW = new Date('2026-12-07T10:00:00Z');
const at = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);
const owner = { id: 'sec-lead', name: 'Megan' };
const smtpPlan: CampaignPlan = campaignPlan({
  audience: { gaps: 'smtpPassword', scope: { kind: 'all' }, excluded: [] },
  window: { startHour: 8, endHour: 18, weekdays: [1, 2, 3, 4, 5] },
  maxNudgesPerPerson: 2,
});
const person = { id: 'o1', displayName: 'Ola Owner' };

/**
 * A campaign for owners of accounts that send mail with a password: each delivery sends the owner's card (not an MFA
 * nudge), keyed by the delivery so a retry never sends a second; what the card led to is read from the sign-in log.
 */
describe.each(databaseTargets())('a campaign for owners of password senders on $name', (target) => {
  let db: Database;
  let store: CampaignStore;
  let ledger: SqlSmtpOwnerNudges;
  let senders: SqlSmtpSenderStore;
  beforeAll(async () => {
    db = await target.openMigrated();
    store = sqlCampaignStore(db, { leaseClock: 'caller' });
    ledger = new SqlSmtpOwnerNudges(db);
    senders = new SqlSmtpSenderStore(db);
  });
  afterAll(() => db.close());

  async function runWith(ownerIds: string[]): Promise<{ campaignId: string; runId: string }> {
    const campaign = await store.create(smtpPlan, owner, NOW);
    const { run } = await store.startRun(campaign.id, NOW, NOW);
    await store.addDeliveries(
      run.id,
      ownerIds.map((userId) => ({ userId, dueAt: NOW })),
    );
    return { campaignId: campaign.id, runId: run.id };
  }

  /** A card in the owners' ledger, as the real sender keeps it: reserved under the request's key, then sent. */
  async function keptCard(request: SmtpOwnerNudgeRequest, accountIds: string[], sentAt = NOW, status: 'sent' | 'sending' = 'sent') {
    const ownerId = 'ownerId' in request.about ? request.about.ownerId : '';
    const reserved = await ledger.reserve(
      { ownerId, accountIds, source: 'campaign', now: sentAt, ...(request.requestKey ? { requestKey: request.requestKey } : {}) },
      new Date(0),
      () => ({ kind: 'go' }),
    );
    if (reserved.kind === 'deferred') throw new Error('the cap said wait');
    if (status === 'sent') await ledger.recordDelivery(reserved.nudge.id, { status: 'sent', conversationId: 'a:1' }, sentAt);
    return reserved.nudge.id;
  }

  const rows = (runId: string) =>
    db.query<{ user_id: string; status: string; reason: string | null; nudge_id: string | null; smtp_nudge_id: string | null }>(
      'SELECT user_id, status, reason, nudge_id, smtp_nudge_id FROM campaign_deliveries WHERE run_id = $1 ORDER BY user_id',
      [runId],
    );

  it("sends each owner's card through the gate, keyed by its delivery, never an MFA nudge, whatever the scan says of them", async () => {
    const { runId, campaignId } = await runWith(['o1', 'moved', 'asleep', 'gone']);
    const asked: SmtpOwnerNudgeRequest[] = [];
    const sendSmtp = async (request: SmtpOwnerNudgeRequest): Promise<SmtpOwnerNudgeResult> => {
      asked.push(request);
      const ownerId = 'ownerId' in request.about ? request.about.ownerId : '';
      if (ownerId === 'moved') return { kind: 'nothingToMove' };
      if (ownerId === 'gone') return { kind: 'unknownPerson', ownerId };
      if (ownerId === 'asleep') return { kind: 'deferred', owner: person, reason: 'sendingHours', notBefore: at(14), timeZone: 'UTC' };
      const release = await request.gate!.place('card');
      try {
        expect(await request.gate!.mark()).toBe(true);
      } finally {
        release();
      }
      const nudgeId = await keptCard(request, ['printer']);
      return { kind: 'sent', conversationId: 'a:1', owner: person, nudgeId, accounts: 1 };
    };
    const deps: DeliverCampaignDeps = {
      store,
      send: async () => {
        throw new Error('an MFA nudge was sent for a campaign about password senders');
      },
      sendSmtp,
      // Nobody of this campaign is in the scan: a card about password senders does not need them to be.
      scanned: async () => undefined,
      now: () => NOW,
      worker: 'w1',
      leaseMs: 60_000,
    };

    const report = await deliverDueBatch(deps, 100);
    expect(report.results).toMatchObject({ sent: 1, skipped: 2, later: 1, failed: 0, uncertain: 0 });
    const o1 = asked.find((request) => 'ownerId' in request.about && request.about.ownerId === 'o1')!;
    expect(o1).toMatchObject({ source: 'campaign', sendingHours: smtpPlan.window });
    const [delivery] = await db.query<{ id: string }>(
      "SELECT id::text AS id FROM campaign_deliveries WHERE run_id = $1 AND user_id = 'o1'",
      [runId],
    );
    expect(o1.requestKey).toBe(smtpCardRequestKey(delivery!.id));

    const settled = await rows(runId);
    expect(settled.map(({ user_id, status, reason }) => [user_id, status, reason])).toEqual([
      ['asleep', 'pending', 'sendingHours'],
      ['gone', 'skipped', 'not in the directory'],
      ['moved', 'skipped', 'no longer sends with a password'],
      ['o1', 'sent', null],
    ]);
    // The status card can say why the owner waits and until when.
    const facts = await store.deliveryFacts(campaignId);
    expect(facts.find((fact) => fact.userId === 'asleep')).toMatchObject({ status: 'pending', reason: 'sendingHours', dueAt: at(14) });
    expect(facts.find((fact) => fact.userId === 'o1')).not.toHaveProperty('dueAt');
    // The card is in the owners' ledger, referenced as such: never as an MFA nudge.
    const sent = settled.find((row) => row.user_id === 'o1')!;
    expect(sent.nudge_id).toBeNull();
    expect((await ledger.latestTo('o1', 5)).map((card) => card.id)).toContain(sent.smtp_nudge_id);
  });

  it('refuses, rather than nudging about MFA, when cards to owners are not set up', async () => {
    const { runId } = await runWith(['o2']);
    let mfa = 0;
    await deliverDueBatch(
      {
        store,
        send: async () => ((mfa += 1), { kind: 'unknownPerson' }),
        scanned: async () => undefined,
        now: () => NOW,
        worker: 'w1',
        leaseMs: 60_000,
      },
      100,
    );
    expect(mfa).toBe(0);
    expect((await rows(runId)).map((row) => [row.status, row.reason])).toEqual([
      ['failed', 'cards to owners of password senders are not set up'],
    ]);
  });

  describe('a worker that died after marking an owner card', () => {
    /** Claims the delivery and marks it, then "dies": its card reached the ledger as `status`, nothing more was recorded. */
    async function dieAfterMark(userId: string, status: 'sent' | 'sending'): Promise<{ runId: string; cardId: string }> {
      const { runId } = await runWith([userId]);
      const [claimed] = await store.claimDue(NOW, 10, 'dying', at(0.01));
      expect(claimed?.userId).toBe(userId);
      expect(await store.markSendStarted(claimed!.id, 'dying', NOW)).toBe(true);
      const cardId = await keptCard(
        { about: { ownerId: userId }, source: 'campaign', requestKey: smtpCardRequestKey(claimed!.id) },
        ['printer'],
        NOW,
        status,
      );
      return { runId, cardId };
    }

    it('records the delivery as sent, with its card, when the ledger says the card went', async () => {
      const { runId, cardId } = await dieAfterMark('died-sent', 'sent');
      expect(await store.reclaimExpired(at(1))).toMatchObject({ sent: 1, uncertain: 0 });
      expect((await rows(runId)).map((row) => [row.status, row.smtp_nudge_id])).toEqual([['sent', cardId]]);
    });

    it('records both as uncertain, never sent again, when the card was on its way', async () => {
      const { runId, cardId } = await dieAfterMark('died-sending', 'sending');
      expect(await store.reclaimExpired(at(1))).toMatchObject({ sent: 0, uncertain: 1 });
      expect((await rows(runId)).map((row) => row.status)).toEqual(['uncertain']);
      const [card] = await db.query<{ status: string }>('SELECT status FROM smtp_owner_nudges WHERE id = $1', [cardId]);
      expect(card!.status).toBe('uncertain');
    });
  });

  describe('what the card led to', () => {
    const sender = (accountId: string, lastSeen: Date, lastPasswordSeen?: Date): SmtpSender => ({
      accountId,
      userPrincipalName: `${accountId}@contoso.example`,
      firstSeen: at(-24 * 20),
      lastSeen,
      signIns: 10,
      addresses: [],
      clients: [],
      succeeded: true,
      usedPassword: lastPasswordSeen !== undefined,
      onlyOAuth: lastPasswordSeen === undefined,
      ...(lastPasswordSeen ? { lastPasswordSeen } : {}),
    });
    /** A read of the sign-in log that ended `hoursAfter` the card, and found these senders. */
    const readAfter = (hoursAfter: number, found: SmtpSender[]) =>
      senders.saveSmtpScan(
        {
          status: 'completed',
          finishedAt: at(hoursAfter),
          window: { since: at(hoursAfter - 30 * 24), until: at(hoursAfter) },
          signIns: 10,
        },
        found,
      );

    /** One delivered card about these accounts, in a campaign of its own; answers the campaign. */
    async function cardAbout(userId: string, accountIds: string[]): Promise<string> {
      const { campaignId, runId } = await runWith([userId]);
      const [claimed] = await store.claimDue(NOW, 10, 'w1', at(1));
      const cardId = await keptCard(
        { about: { ownerId: userId }, source: 'campaign', requestKey: smtpCardRequestKey(claimed!.id) },
        accountIds,
      );
      expect(await store.complete(claimed!.id, 'w1', { kind: 'sent', nudgeId: cardId, card: 'smtpOwner' }, NOW)).toBe(true);
      expect((await rows(runId))[0]!.smtp_nudge_id).toBe(cardId);
      return campaignId;
    }
    const movedAt = async (campaignId: string) => (await store.deliveryFacts(campaignId))[0]?.enrolledAt;

    it('counts an owner as moved once every account on the card signed in with OAuth since, or stayed quiet for a week', async () => {
      const oauthSince = await cardAbout('oauth-owner', ['app']);
      const stillPassword = await cardAbout('password-owner', ['printer']);
      const half = await cardAbout('half-owner', ['app2', 'scanner']);
      const quiet = await cardAbout('quiet-owner', ['old-fax']);

      // Two days after the cards: the app signed in with OAuth; the printer still used its password; the fax sent nothing.
      await readAfter(48, [
        sender('app', at(40), at(-5)),
        sender('printer', at(47), at(46)),
        sender('app2', at(30), at(-2)),
        sender('scanner', at(20), at(20)),
        sender('old-fax', at(-10), at(-10)),
      ]);
      expect(await movedAt(oauthSince)).toEqual(at(48));
      expect(await movedAt(stillPassword)).toBeUndefined();
      expect(await movedAt(half)).toBeUndefined();
      // Two quiet days prove nothing: a weekly job would not have run yet.
      expect(await movedAt(quiet)).toBeUndefined();

      // Eight days after: the fax has been quiet for a week since the card.
      await readAfter(8 * 24, [sender('app', at(40), at(-5)), sender('printer', at(47), at(46)), sender('old-fax', at(-10), at(-10))]);
      expect(await movedAt(quiet)).toEqual(at(8 * 24));
      expect(await movedAt(stillPassword)).toBeUndefined();
      // The list counts the same, in its own words per campaign.
      const headlines = await store.headlines([oauthSince, stillPassword, quiet]);
      expect([oauthSince, stillPassword, quiet].map((id) => headlines.get(id)?.enrolled)).toEqual([1, 0, 1]);
    });

    it('sees no move before any read of the sign-in log ran after the card', async () => {
      await readAfter(-1, [sender('late-app', at(-2), at(-2))]);
      const campaignId = await cardAbout('late-owner', ['late-app']);
      expect(await movedAt(campaignId)).toBeUndefined();
      const [fact] = await store.deliveryFacts(campaignId);
      expect(fact).toMatchObject({ status: 'sent', sentAt: NOW, opened: false, snoozed: false });
    });
  });
});

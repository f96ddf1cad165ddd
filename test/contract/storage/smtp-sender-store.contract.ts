import { SMTP_SCANS_KEPT } from '../../../src/adapters/storage/sql-smtp-sender-store';
import type { SmtpScan, SmtpSenderStore } from '../../../src/domain/ports/smtp-sender-store';
import type { SmtpLogUnavailable } from '../../../src/domain/ports/smtp-sign-in-log';
import type { SmtpSender } from '../../../src/domain/smtp/smtp-sender';

/** A store to test, and how many reads it has on record (the history bound is not part of the port). */
export interface SmtpSenderStoreSubject {
  store: SmtpSenderStore;
  scansOnRecord(): Promise<number>;
}

const T0 = new Date('2026-12-04T10:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);
const days = (n: number) => hours(24 * n);

function completed(finishedAt: Date, signIns = 100): SmtpScan & { status: 'completed' } {
  return { status: 'completed', finishedAt, window: { since: days(-30), until: finishedAt }, signIns };
}

function unavailable(finishedAt: Date, failure: SmtpLogUnavailable = { reason: 'notLicensed', detail: 'No Entra ID P1' }): SmtpScan {
  return { status: 'unavailable', finishedAt, failure };
}

/** A password sender that succeeded, last seen `lastSeen`; its name and address come from its id. */
function sender(accountId: string, lastSeen: Date, more: Partial<SmtpSender> = {}): SmtpSender {
  return {
    accountId,
    userPrincipalName: `${accountId}@contoso.com`,
    displayName: `Sender ${accountId}`,
    firstSeen: days(-20),
    lastSeen,
    signIns: 3,
    addresses: ['203.0.113.7'],
    clients: ['BAV2ROPC'],
    succeeded: true,
    usedPassword: true,
    onlyOAuth: false,
    ...more,
  };
}

const oauthOnly = { usedPassword: false, onlyOAuth: true } as const;
const ids = (senders: readonly SmtpSender[]) => senders.map((one) => one.accountId);

/**
 * What every `SmtpSenderStore` promises: reads on record (the latest, the last completed), the last completed read's
 * senders replacing the previous ones, and counts, lists and look-ups over them. `make` is called before each test
 * and answers an empty store.
 */
export function smtpSenderStoreContract(name: string, make: () => Promise<SmtpSenderStoreSubject>): void {
  describe(`SmtpSenderStore on ${name}`, () => {
    let subject: SmtpSenderStoreSubject;
    let store: SmtpSenderStore;

    beforeEach(async () => {
      subject = await make();
      store = subject.store;
    });

    it('answers nothing before any read: no scans, zero counts, empty lists', async () => {
      expect(await store.latestSmtpScans()).toEqual({});
      expect(await store.countSmtpSenders(days(-30))).toEqual({ password: 0, passwordFailingOnly: 0, oauthOnly: 0 });
      expect(await store.listSmtpSenders({ since: days(-30), includeOAuth: true, offset: 0, limit: 10 })).toEqual([]);
      expect(await store.findSmtpSenders('contoso', 10)).toEqual([]);
      expect(await store.smtpSendersByAccount(['a'])).toEqual([]);
      expect(await subject.scansOnRecord()).toBe(0);
    });

    it('replaces the previous senders with those of a completed read, and makes it both latest and last completed', async () => {
      await store.saveSmtpScan(completed(hours(0)), [sender('a', hours(-1)), sender('b', hours(-2))]);
      const second = completed(hours(6), 42);
      await store.saveSmtpScan(second, [sender('b', hours(5), { signIns: 9 }), sender('c', hours(4))]);

      expect(await store.latestSmtpScans()).toEqual({ latest: second, lastCompleted: second });
      const all = await store.listSmtpSenders({ since: days(-30), includeOAuth: true, offset: 0, limit: 10 });
      expect(ids(all)).toEqual(['b', 'c']);
      expect(all[0]!.signIns).toBe(9);
      expect(await store.smtpSendersByAccount(['a'])).toEqual([]);
    });

    it('empties the senders when a completed read found none', async () => {
      await store.saveSmtpScan(completed(hours(0)), [sender('a', hours(-1))]);
      await store.saveSmtpScan(completed(hours(6), 0), []);

      expect(await store.listSmtpSenders({ since: days(-30), includeOAuth: true, offset: 0, limit: 10 })).toEqual([]);
      expect(await store.countSmtpSenders(days(-30))).toEqual({ password: 0, passwordFailingOnly: 0, oauthOnly: 0 });
    });

    it.each<[string, SmtpLogUnavailable]>([
      ['not permitted', { reason: 'notPermitted', missing: ['AuditLog.Read.All', 'Directory.Read.All'], detail: 'Grant and consent' }],
      ['not licensed', { reason: 'notLicensed', detail: 'The tenant has no Microsoft Entra ID P1 or P2' }],
      ['failed', { reason: 'failed', detail: 'Graph answered 503 three times' }],
    ])(
      'keeps the previous senders after an unavailable read (%s), which is the latest while the last completed stays',
      async (_, failure) => {
        const first = completed(hours(0));
        await store.saveSmtpScan(first, [sender('a', hours(-1))]);
        const failed = unavailable(hours(6), failure);
        // Senders given with an unavailable read are not saved.
        await store.saveSmtpScan(failed, [sender('z', hours(5))]);

        expect(await store.latestSmtpScans()).toEqual({ latest: failed, lastCompleted: first });
        expect(ids(await store.listSmtpSenders({ since: days(-30), includeOAuth: true, offset: 0, limit: 10 }))).toEqual(['a']);
      },
    );

    it('has a latest but no last completed read while no read has completed', async () => {
      const failed = unavailable(hours(0));
      await store.saveSmtpScan(failed, []);

      expect(await store.latestSmtpScans()).toEqual({ latest: failed });
      expect(await store.listSmtpSenders({ since: days(-30), includeOAuth: true, offset: 0, limit: 10 })).toEqual([]);
    });

    it('counts password, failing-only and OAuth-only senders last seen at or after `since`', async () => {
      await store.saveSmtpScan(completed(hours(0)), [
        sender('pw-1', hours(-1)),
        sender('pw-2', days(-7)),
        sender('failing', hours(-2), { succeeded: false }),
        sender('oauth', hours(-3), oauthOnly),
        sender('oauth-failing', hours(-3), { ...oauthOnly, succeeded: false }),
        sender('old-pw', new Date(days(-7).getTime() - 1)),
        sender('old-failing', days(-8), { succeeded: false }),
        sender('old-oauth', days(-8), oauthOnly),
      ]);

      expect(await store.countSmtpSenders(days(-7))).toEqual({ password: 3, passwordFailingOnly: 1, oauthOnly: 2 });
      expect(await store.countSmtpSenders(days(-30))).toEqual({ password: 5, passwordFailingOnly: 2, oauthOnly: 3 });
      expect(await store.countSmtpSenders(hours(0))).toEqual({ password: 0, passwordFailingOnly: 0, oauthOnly: 0 });
    });

    it('lists password senders only unless OAuth is asked for, latest seen first, then by UPN in any case', async () => {
      await store.saveSmtpScan(completed(hours(0)), [
        sender('oauth', hours(-1), oauthOnly),
        sender('b', hours(-2), { userPrincipalName: 'b@contoso.com' }),
        sender('c', hours(-2), { userPrincipalName: 'C@contoso.com' }),
        sender('a', hours(-2), { userPrincipalName: 'a@contoso.com' }),
        sender('newest', hours(-0.5)),
        sender('old', days(-10)),
      ]);
      const since = days(-7);

      expect(ids(await store.listSmtpSenders({ since, offset: 0, limit: 10 }))).toEqual(['newest', 'a', 'b', 'c']);
      expect(ids(await store.listSmtpSenders({ since, includeOAuth: true, offset: 0, limit: 10 }))).toEqual([
        'newest',
        'oauth',
        'a',
        'b',
        'c',
      ]);
      expect(ids(await store.listSmtpSenders({ since: days(-30), offset: 0, limit: 10 }))).toEqual(['newest', 'a', 'b', 'c', 'old']);
    });

    it('pages the list with offset and limit, in the same order across pages', async () => {
      const senders = Array.from({ length: 7 }, (_, i) => sender(`s${i}`, i < 4 ? hours(-1) : hours(-i)));
      await store.saveSmtpScan(completed(hours(0)), senders);
      const page = (offset: number, limit: number) => store.listSmtpSenders({ since: days(-1), offset, limit }).then(ids);

      const whole = await page(0, 10);
      expect(whole).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
      expect([...(await page(0, 3)), ...(await page(3, 3)), ...(await page(6, 3))]).toEqual(whole);
      expect(await page(7, 3)).toEqual([]);
      expect(await page(2, 0)).toEqual([]);
    });

    it('finds senders by part of the UPN or display name in any case, or by the whole account id, in the list order', async () => {
      await store.saveSmtpScan(completed(hours(0)), [
        sender('printer-id', hours(-3), { userPrincipalName: 'Scanner.Floor2@Contoso.com', displayName: 'Floor 2 Scanner' }),
        sender('crm-id', hours(-1), { userPrincipalName: 'crm-alerts@contoso.com', displayName: 'CRM Alerts' }),
        sender('nameless-id', hours(-2), { userPrincipalName: 'noreply@fabrikam.com', displayName: undefined }),
      ]);

      expect(ids(await store.findSmtpSenders('floor2@contoso', 10))).toEqual(['printer-id']);
      expect(ids(await store.findSmtpSenders('  2 SCANNER ', 10))).toEqual(['printer-id']);
      expect(ids(await store.findSmtpSenders('CONTOSO', 10))).toEqual(['crm-id', 'printer-id']);
      expect(ids(await store.findSmtpSenders('contoso', 1))).toEqual(['crm-id']);
      expect(ids(await store.findSmtpSenders('NAMELESS-ID', 10))).toEqual(['nameless-id']);
      expect(await store.findSmtpSenders('nameless', 10)).toEqual([]);
      expect(await store.findSmtpSenders('   ', 10)).toEqual([]);
    });

    it('takes %, _ and \\ in the searched text literally', async () => {
      await store.saveSmtpScan(completed(hours(0)), [
        sender('percent', hours(-1), { userPrincipalName: 'p@contoso.com', displayName: '100% printer' }),
        sender('underscore', hours(-2), { userPrincipalName: 'svc_mail@contoso.com', displayName: 'Service' }),
        sender('backslash', hours(-3), { userPrincipalName: 'b@contoso.com', displayName: 'CONTOSO\\scanner' }),
        sender('plain', hours(-4), { userPrincipalName: 'svcxmail@contoso.com', displayName: '1000 printers' }),
      ]);

      expect(ids(await store.findSmtpSenders('0% p', 10))).toEqual(['percent']);
      expect(ids(await store.findSmtpSenders('%', 10))).toEqual(['percent']);
      expect(ids(await store.findSmtpSenders('svc_', 10))).toEqual(['underscore']);
      expect(ids(await store.findSmtpSenders('_', 10))).toEqual(['underscore']);
      expect(ids(await store.findSmtpSenders('o\\s', 10))).toEqual(['backslash']);
      expect(await store.findSmtpSenders('\\%', 10)).toEqual([]);
    });

    it('gives the senders among some account ids, whatever their case, leaving out unknown ids', async () => {
      await store.saveSmtpScan(completed(hours(0)), [
        sender('7f3e2a10-AAAA-4bbb-8ccc-000000000001', hours(-2)),
        sender('7f3e2a10-aaaa-4bbb-8ccc-000000000002', hours(-1)),
        sender('7f3e2a10-aaaa-4bbb-8ccc-000000000003', hours(-3)),
      ]);

      const found = await store.smtpSendersByAccount([
        '7F3E2A10-aaaa-4BBB-8CCC-000000000001',
        '7f3e2a10-AAAA-4bbb-8ccc-000000000002',
        '7f3e2a10-aaaa-4bbb-8ccc-000000000002',
        'unknown',
      ]);
      expect(ids(found)).toEqual(['7f3e2a10-aaaa-4bbb-8ccc-000000000002', '7f3e2a10-AAAA-4bbb-8ccc-000000000001']);
      expect(await store.smtpSendersByAccount([])).toEqual([]);
      expect(await store.smtpSendersByAccount(['unknown'])).toEqual([]);
    });

    it('gives back exactly what it was given: arrays in order, dates to the millisecond, no display name where none', async () => {
      const full = sender('full', new Date('2026-12-04T09:59:59.999Z'), {
        firstSeen: new Date('2026-11-05T00:00:00.001Z'),
        signIns: 43_210,
        addresses: ['2001:db8::1', '203.0.113.9', '198.51.100.4'],
        clients: ['Microsoft Office', 'BAV2ROPC', 'Canon iR-ADV C5535'],
        succeeded: false,
        lastPasswordSeen: new Date('2026-12-03T08:00:00.007Z'),
      });
      const bare = sender('bare', new Date('2026-12-01T12:34:56.789Z'), { displayName: undefined, addresses: [], clients: [] });
      const scan = completed(new Date('2026-12-04T10:00:00.123Z'), 43_211);
      scan.window = { since: new Date('2026-11-04T10:00:00.456Z'), until: new Date('2026-12-04T09:59:59.999Z') };
      await store.saveSmtpScan(scan, [full, bare]);

      const found = await store.smtpSendersByAccount(['full', 'bare']);
      expect(found).toEqual([full, bare]);
      expect(found[1]).not.toHaveProperty('displayName');
      expect(found[1]).not.toHaveProperty('lastPasswordSeen');
      expect(found[0]!.lastPasswordSeen!.getTime()).toBe(full.lastPasswordSeen!.getTime());
      expect(found[0]!.lastSeen.getTime()).toBe(full.lastSeen.getTime());
      expect(found[0]!.firstSeen.getTime()).toBe(full.firstSeen.getTime());
      const { lastCompleted } = await store.latestSmtpScans();
      expect(lastCompleted).toEqual(scan);
      expect(lastCompleted!.window.since.getTime()).toBe(scan.window.since.getTime());
      expect(lastCompleted!.finishedAt.getTime()).toBe(scan.finishedAt.getTime());
    });

    it('keeps its own copy: changing what was given or what was answered changes nothing kept', async () => {
      const given = sender('a', hours(-1));
      await store.saveSmtpScan(completed(hours(0)), [given]);
      given.addresses.push('192.0.2.1');
      given.lastSeen.setTime(0);
      const [answered] = await store.smtpSendersByAccount(['a']);
      answered!.clients.push('changed');

      expect(await store.smtpSendersByAccount(['a'])).toEqual([sender('a', hours(-1))]);
    });

    it('refuses two senders with the same account id in any case, and changes nothing', async () => {
      const first = completed(hours(0));
      await store.saveSmtpScan(first, [sender('a', hours(-1))]);

      await expect(store.saveSmtpScan(completed(hours(6)), [sender('b', hours(5)), sender('B', hours(4))])).rejects.toThrow();

      expect(await store.latestSmtpScans()).toEqual({ latest: first, lastCompleted: first });
      expect(ids(await store.listSmtpSenders({ since: days(-30), offset: 0, limit: 10 }))).toEqual(['a']);
    });

    it('saves reads saved at the same moment one after the other: the senders are all of one read', async () => {
      const reads = Array.from({ length: 4 }, (_, i) => ({
        scan: completed(hours(i), i),
        senders: ['shared', `own-${i}`].map((id, j) => sender(id, hours(i - j - 1))),
      }));

      await Promise.all(reads.map((read) => store.saveSmtpScan(read.scan, read.senders)));

      const { latest } = await store.latestSmtpScans();
      const last = reads.find((read) => read.scan.signIns === (latest as { signIns: number }).signIns)!;
      expect(await store.listSmtpSenders({ since: days(-30), offset: 0, limit: 10 })).toEqual(last.senders);
      expect(await subject.scansOnRecord()).toBe(4);
    });

    it(`keeps the latest ${SMTP_SCANS_KEPT} reads on record, and the last completed one however old`, async () => {
      const first = completed(hours(0));
      await store.saveSmtpScan(first, [sender('a', hours(-1))]);
      let latest = first as SmtpScan;
      for (let i = 1; i <= SMTP_SCANS_KEPT + 5; i++) {
        latest = unavailable(hours(i));
        await store.saveSmtpScan(latest, []);
      }

      expect(await subject.scansOnRecord()).toBe(SMTP_SCANS_KEPT + 1);
      expect(await store.latestSmtpScans()).toEqual({ latest, lastCompleted: first });
      expect(ids(await store.listSmtpSenders({ since: days(-30), offset: 0, limit: 10 }))).toEqual(['a']);

      const next = completed(hours(100));
      await store.saveSmtpScan(next, []);
      expect(await subject.scansOnRecord()).toBe(SMTP_SCANS_KEPT);
      expect(await store.latestSmtpScans()).toEqual({ latest: next, lastCompleted: next });
    });
  });
}

import type { DownloadVault } from '../../../src/domain/ports/download-vault';

const T0 = new Date('2025-06-01T09:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** What every `DownloadVault` promises: a file for whoever has its link, once, until the link expires. `makeVault` gives an empty vault before each test. */
export function downloadVaultContract(name: string, makeVault: () => Promise<DownloadVault>): void {
  describe(`DownloadVault on ${name}`, () => {
    let vault: DownloadVault;

    beforeEach(async () => {
      vault = await makeVault();
    });

    const deposit = () => vault.deposit({ actorId: 'admin-1', fileName: 'x.csv', content: 'a,b\r\n', expiresAt: later(15) }, T0);

    it('gives the file once, to whoever has the token', async () => {
      const token = await deposit();
      expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(await vault.collect(token, later(1))).toEqual({ fileName: 'x.csv', content: 'a,b\r\n' });
      expect(await vault.collect(token, later(2))).toBeUndefined();
      expect(await vault.collect('someone-elses-guess', later(1))).toBeUndefined();
    });

    it('gives nothing after the link expired, and forgets expired files when the next one comes', async () => {
      const token = await deposit();
      expect(await vault.collect(token, later(16))).toBeUndefined();
      await vault.deposit({ actorId: 'admin-1', fileName: 'y.csv', content: '', expiresAt: later(100) }, later(20));
      // Nothing expired is left to delete: the deposit did it.
      expect(await vault.purgeExpired(later(20))).toBe(0);
    });

    it('lets the link be looked at (its file name) any number of times without using it up, until it expires', async () => {
      const token = await deposit();
      expect(await vault.peek(token, later(1))).toEqual({ fileName: 'x.csv' });
      expect(await vault.peek(token, later(2))).toEqual({ fileName: 'x.csv' });
      expect(await vault.peek(token, later(16))).toBeUndefined();
      expect(await vault.collect(token, later(3))).toEqual({ fileName: 'x.csv', content: 'a,b\r\n' });
      expect(await vault.peek(token, later(4))).toBeUndefined();
    });

    it('deletes files nobody fetched once they expire, and keeps the others', async () => {
      const expired = await deposit();
      const kept = await vault.deposit({ actorId: 'admin-1', fileName: 'kept.csv', content: '', expiresAt: later(100) }, T0);
      expect(await vault.purgeExpired(later(16))).toBe(1);
      expect(await vault.peek(kept, later(16))).toEqual({ fileName: 'kept.csv' });
      // Deleted, not only expired: even a look from before its expiry finds nothing now.
      expect(await vault.peek(expired, later(1))).toBeUndefined();
    });

    it('keeps a link to the statuses of a scan, not a file, and hands it over once', async () => {
      const token = await vault.deposit({ actorId: 'admin-1', fileName: 'mfa-status.csv', statusOfScan: '42', expiresAt: later(15) }, T0);
      expect(await vault.peek(token, later(1))).toEqual({ fileName: 'mfa-status.csv' });
      expect(await vault.collect(token, later(1))).toEqual({ fileName: 'mfa-status.csv', statusOfScan: '42' });
      expect(await vault.collect(token, later(2))).toBeUndefined();
    });

    it('keeps a link to the deliveries of a campaign, not a file, and hands it over once', async () => {
      const campaignId = '6f1c2a4e-8b7d-4c3a-9e21-5d0b7a9c3f10';
      const token = await vault.deposit(
        { actorId: 'manager-1', fileName: 'campaign-3.csv', deliveriesOfCampaign: campaignId, expiresAt: later(15) },
        T0,
      );
      expect(await vault.peek(token, later(1))).toEqual({ fileName: 'campaign-3.csv' });
      expect(await vault.collect(token, later(1))).toEqual({ fileName: 'campaign-3.csv', deliveriesOfCampaign: campaignId });
      expect(await vault.collect(token, later(2))).toBeUndefined();
    });

    it('lets only one of two simultaneous downloads have the file', async () => {
      const token = await deposit();
      const results = await Promise.all([vault.collect(token, later(1)), vault.collect(token, later(1))]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}

import { randomBytes } from 'node:crypto';
import type { DownloadContent, DownloadVault, PendingDownload } from '../../src/domain/ports/download-vault';

/** `DownloadVault` in memory, held to the same contract as the SQL vault: one file per link, once, until it expires. */
export class InMemoryDownloadVault implements DownloadVault {
  private readonly files = new Map<string, PendingDownload>();

  async deposit(download: PendingDownload, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.purgeExpired(now);
    this.files.set(token, { ...download, expiresAt: new Date(download.expiresAt) });
    return token;
  }

  async collect(token: string, now: Date): Promise<({ fileName: string } & DownloadContent) | undefined> {
    const file = this.live(token, now);
    if (!file) return undefined;
    this.files.delete(token);
    const { actorId: _actor, expiresAt: _expires, ...handedOver } = file;
    return handedOver;
  }

  /** The kept file's text, collected (a test's shortcut; a link to a scan's statuses has none). */
  async collectText(token: string, now: Date): Promise<string | undefined> {
    const file = await this.collect(token, now);
    if (file && !('content' in file))
      throw new Error(`the link is to a file written as it downloads, not a kept one: ${JSON.stringify(file)}`);
    return file?.content;
  }

  async peek(token: string, now: Date): Promise<{ fileName: string } | undefined> {
    const file = this.live(token, now);
    return file && { fileName: file.fileName };
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [token, file] of this.files) {
      if (file.expiresAt > now) continue;
      this.files.delete(token);
      purged += 1;
    }
    return purged;
  }

  private live(token: string, now: Date): PendingDownload | undefined {
    const file = this.files.get(token);
    return file && file.expiresAt > now ? file : undefined;
  }
}

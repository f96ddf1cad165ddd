import { createHash, randomBytes } from 'node:crypto';
import type { DownloadContent, DownloadVault, PendingDownload } from '../../domain/ports/download-vault';
import type { SqlExecutor } from './database';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

interface KeptRow {
  file_name: string;
  content: string | null;
  status_of_scan: string | number | null;
  deliveries_of_campaign: string | null;
}

/** `DownloadVault` in PostgreSQL, so a link made by one bot instance works on any other. */
export class SqlDownloadVault implements DownloadVault {
  constructor(private readonly db: SqlExecutor) {}

  async deposit(download: PendingDownload, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.purgeExpired(now);
    await this.db.query(
      `INSERT INTO pending_exports (token_hash, actor_id, file_name, content, status_of_scan, deliveries_of_campaign, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        hashOf(token),
        download.actorId,
        download.fileName,
        'content' in download ? download.content : null,
        'statusOfScan' in download ? download.statusOfScan : null,
        'deliveriesOfCampaign' in download ? download.deliveriesOfCampaign : null,
        now,
        download.expiresAt,
      ],
    );
    return token;
  }

  async peek(token: string, now: Date): Promise<{ fileName: string } | undefined> {
    const [row] = await this.db.query<{ file_name: string }>(
      'SELECT file_name FROM pending_exports WHERE token_hash = $1 AND expires_at > $2',
      [hashOf(token), now],
    );
    return row ? { fileName: row.file_name } : undefined;
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.db.query('DELETE FROM pending_exports WHERE expires_at <= $1 RETURNING 1', [now])).length;
  }

  async collect(token: string, now: Date): Promise<({ fileName: string } & DownloadContent) | undefined> {
    // Taken and deleted in one statement: two downloads racing for the same link cannot both get it.
    const [row] = await this.db.query<KeptRow>(
      `DELETE FROM pending_exports WHERE token_hash = $1 AND expires_at > $2
       RETURNING file_name, content, status_of_scan, deliveries_of_campaign`,
      [hashOf(token), now],
    );
    if (!row) return undefined;
    if (row.content !== null) return { fileName: row.file_name, content: row.content };
    if (row.deliveries_of_campaign !== null) return { fileName: row.file_name, deliveriesOfCampaign: row.deliveries_of_campaign };
    return { fileName: row.file_name, statusOfScan: String(row.status_of_scan) };
  }
}

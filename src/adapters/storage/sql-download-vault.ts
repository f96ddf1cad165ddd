import { createHash, randomBytes } from 'node:crypto';
import type { DownloadVault, PendingDownload } from '../../domain/ports/download-vault';
import type { SqlExecutor } from './database';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** `DownloadVault` in PostgreSQL, so a link made by one bot instance works on any other. */
export class SqlDownloadVault implements DownloadVault {
  constructor(private readonly db: SqlExecutor) {}

  async deposit(download: PendingDownload, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.purgeExpired(now);
    await this.db.query(
      'INSERT INTO pending_exports (token_hash, actor_id, file_name, content, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [hashOf(token), download.actorId, download.fileName, download.content, now, download.expiresAt],
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

  async collect(token: string, now: Date): Promise<{ fileName: string; content: string } | undefined> {
    // Taken and deleted in one statement: two downloads racing for the same link cannot both get it.
    const [row] = await this.db.query<{ file_name: string; content: string }>(
      'DELETE FROM pending_exports WHERE token_hash = $1 AND expires_at > $2 RETURNING file_name, content',
      [hashOf(token), now],
    );
    return row ? { fileName: row.file_name, content: row.content } : undefined;
  }
}

/** A file waiting for the one person it was made for, behind a link that works once and not for long. */
export interface PendingDownload {
  actorId: string;
  fileName: string;
  content: string;
  expiresAt: Date;
}

export interface DownloadVault {
  /** Keeps the file and answers the secret token of its link. */
  deposit(download: PendingDownload, now: Date): Promise<string>;
  /** The file, once: a second call, or one after it expired, answers undefined. */
  collect(token: string, now: Date): Promise<Pick<PendingDownload, 'fileName' | 'content'> | undefined>;
  /** The file's name while its link works, without using the link up (a link preview, a mail scanner, a look). */
  peek(token: string, now: Date): Promise<Pick<PendingDownload, 'fileName'> | undefined>;
  /** Deletes the files nobody fetched before their links expired; answers how many. */
  purgeExpired(now: Date): Promise<number>;
}

/**
 * What a link hands over: a file made when it was asked for, or what is too large to keep and is written out as it
 * downloads instead: the MFA status of everyone in one scan (a million people), or every delivery of a campaign.
 */
export type DownloadContent = { content: string } | { statusOfScan: string } | { deliveriesOfCampaign: string };

/** A file waiting for the one person it was made for, behind a link that works once and not for long. */
export type PendingDownload = {
  actorId: string;
  fileName: string;
  expiresAt: Date;
} & DownloadContent;

export interface DownloadVault {
  /** Keeps the file and answers the secret token of its link. */
  deposit(download: PendingDownload, now: Date): Promise<string>;
  /** The file, once: a second call, or one after it expired, answers undefined. */
  collect(token: string, now: Date): Promise<({ fileName: string } & DownloadContent) | undefined>;
  /** The file's name while its link works, without using the link up (a link preview, a mail scanner, a look). */
  peek(token: string, now: Date): Promise<Pick<PendingDownload, 'fileName'> | undefined>;
  /** Deletes the files nobody fetched before their links expired; answers how many. */
  purgeExpired(now: Date): Promise<number>;
}

import type { PostureReportSchedule } from '../reports/posture-report';

/** A scheduled report with where to post it: the conversation's reference, opaque here (the adapter's). */
export interface StoredPostureReport extends PostureReportSchedule {
  reference: unknown;
  /** The last week it was posted for (reportPeriodOf), if any. */
  lastPeriod?: string;
}

/** The weekly posture reports, one per conversation, shared by every instance of the bot through the database. */
export interface PostureReportStore {
  /** Sets up or replaces the conversation's report. */
  save(report: Omit<StoredPostureReport, 'lastPeriod'>): Promise<void>;
  /** Stops it; false when there was none. */
  remove(conversationId: string): Promise<boolean>;
  find(conversationId: string): Promise<StoredPostureReport | undefined>;
  all(): Promise<StoredPostureReport[]>;
  /**
   * Takes the week's post for this caller: true for exactly one caller per conversation and period, whichever
   * instance asks first; false when that period was taken already (or the report is gone).
   */
  claim(conversationId: string, period: string): Promise<boolean>;
  /** Gives a claimed period back (its post failed): the next try may post it. `previous`: what lastPeriod was before. */
  release(conversationId: string, period: string, previous: string | undefined): Promise<void>;
}

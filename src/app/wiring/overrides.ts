import type { DestinationStream } from 'pino';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { PacerBudget } from '../../adapters/request-pacer';
import type { LiveCheckWindow } from '../../domain/mfa/live-check-limit';
import type { ChatAfterInstall } from '../../use-cases/reach-personal-chat';
import type { Logger } from '../logger';

/** Test seams only: production wiring uses the defaults. */
export interface AppOverrides {
  /** Outbound Bot Connector credentials (tests point replies at a local connector without signing in). */
  botCredentialsFactory?: ServiceClientCredentialsFactory;
  logDestination?: DestinationStream;
  logger?: Logger;
  /** The tenant's reports budget (default Graph's 5 requests per 10 s), for tests that recheck often. */
  reportsBudget?: PacerBudget;
  /** The clock, for tests of sending hours and snoozes. */
  now?: () => Date;
  /** How long a start waits for the database to answer (default 60 s). */
  databaseStartWaitMs?: number;
  /** Each person's live-check limits (default 3 a minute and 20 an hour), for tests that recheck often. */
  liveCheckLimits?: readonly LiveCheckWindow[];
  /** Another knowledge folder than the top-level knowledge/ (tests of a malformed article). */
  knowledgeDir?: string;
  /** How long a turn waits for a model-written answer (default ANSWER_WRITER_TIMEOUT_MS), for tests of the fallback. */
  answerWriterTimeoutMs?: number;
  /** How long a campaign nudge is given to be answered before it counts towards escalation (default ESCALATION_GRACE_MS). */
  campaignEscalationGraceMs?: number;
  /** The waits for Teams to open a chat after a fresh install (default DEFAULT_CHAT_AFTER_INSTALL: real timers, a minute). */
  chatAfterInstall?: Partial<ChatAfterInstall>;
}

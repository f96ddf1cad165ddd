import { readinessLines, type ReadinessLine } from '../../../domain/mfa/readiness-lines';
import type { AdminCommand } from '../../../domain/admin/admin-command';
import type { ClassificationPolicy } from '../../../domain/mfa/mfa-strength';
import type { RatePolicy } from '../../../domain/mfa/rate-policy';
import type { SmtpSender } from '../../../domain/smtp/smtp-sender';
import type { AuditLog } from '../../../domain/ports/audit-log';
import type { Directory } from '../../../domain/ports/directory';
import type { PostureStore, ScanRun } from '../../../domain/ports/posture-store';
import { readDepartmentRanking } from '../../../use-cases/read-department-ranking';
import { readPosture, type Freshness } from '../../../use-cases/read-posture';
import { readPostureTrend } from '../../../use-cases/read-posture-trend';
import type { DownloadVault } from '../../../domain/ports/download-vault';
import { EXPORT_LINK_MINUTES, exportPosture } from '../../../use-cases/export-posture';
import type { AdaptiveCard } from '../cards/card-template';
import { exportLink, exportReadyCard, EXPORTS_OFF } from '../cards/export-ready-card';
import { peopleText } from '../cards/figure-text';
import { utcDateText } from '../cards/freshness-line';
import { postureDepartmentsCard } from '../cards/posture-departments-card';
import { postureSummaryCard } from '../cards/posture-summary-card';
import { postureTrendCard } from '../cards/posture-trend-card';
import { scanStatusCard } from '../cards/scan-status-card';
import type { PrivateAnswer } from '../cards/sent-privately-card';
import { NO_SCAN_YET, userAnswer, userListAnswer } from './user-answers';
import { requestScan } from '../../../use-cases/request-scan';
import type { NudgeRequest, NudgeResult } from '../../../use-cases/send-nudge';
import { auditAnswer } from './audit-answer';
import { nudgeAnswer } from './nudge-answer';
import { reportAnswer, type ReportsHere } from './report-answer';
import { targetAnswer } from './target-answer';
import { targetLine } from '../../../domain/mfa/strong-target';
import type { StrongTargetStore } from '../../../domain/ports/strong-target-store';

/** What to send back: a card or plain words, and whether it may be shown outside personal chat. */
export type AdminAnswer =
  | { privacy: 'public'; card?: AdaptiveCard; text?: string }
  | { privacy: 'private'; kind: PrivateAnswer; card?: AdaptiveCard; text?: string };

export interface AdminAnswerDeps {
  store: PostureStore;
  auditLog: AuditLog;
  directory: Pick<Directory, 'currentMethods'>;
  policy: ClassificationPolicy;
  rates: RatePolicy;
  departmentMinSize: number;
  now: () => Date;
  /**
   * The tenant's posture card's line on who policies require to use MFA, read from Entra (remembered a few minutes);
   * absent when the bot has no policy reader. Never throws: a failure is a line saying so, or no line.
   */
  mfaRequirement?: () => Promise<ReadinessLine | undefined>;
  /** The tenant's posture card's line on accounts that send mail with a password (SMTP AUTH); absent = no line. */
  smtpLine?: () => Promise<ReadinessLine | undefined>;
  /** What the latest read of the sign-in log found of this account sending through SMTP AUTH; absent = not shown. */
  smtpSenderOf?: (accountId: string) => Promise<SmtpSender | undefined>;
  /** Queues a scan requested by this admin; the result is posted back where they asked. */
  requestScan(requestedBy: string): Promise<void>;
  vault: DownloadVault;
  /** Sends one nudge now, or queues it for when it may go (outside sending hours, throttled). */
  sendNudge(request: NudgeRequest): Promise<NudgeResult>;
  /** `target`: the tenant's target for strong MFA, shown on posture and trend (absent: no targets). */
  targets?: StrongTargetStore;
  /** `report`: the weekly reports, and the conversation this turn is in (absent: reports are not wired). */
  reportsHere?: ReportsHere;
  /** Where browsers reach this bot, for download links; unknown = exports are off. */
  publicUrl(): string | undefined;
}

/** Turns one admin command into its answer. Authorisation and auditing happen before this is called. */
export async function answerAdminCommand(command: AdminCommand, actorId: string, deps: AdminAnswerDeps): Promise<AdminAnswer> {
  switch (command.name) {
    case 'posture':
      return command.scope.kind === 'byDepartment'
        ? departments(deps)
        : summary(deps, command.scope.kind === 'department' ? command.scope.department : undefined);
    case 'unenrolled':
    case 'weak':
    case 'phone-only':
      return { privacy: 'private', kind: 'list', ...(await userListAnswer(deps, command.name, command.department, 0)) };
    case 'user':
      return { privacy: 'private', kind: 'userStatus', ...(await userAnswer(deps, command.query)) };
    case 'trend': {
      const trend = await readPostureTrend({ store: deps.store, now: deps.now }, command.days);
      if (trend.kind === 'invalidDays') return { privacy: 'public', text: `Ask for 1 to ${trend.maxDays} days.` };
      const target = await deps.targets?.get();
      return {
        privacy: 'public',
        card: postureTrendCard({ days: trend.days, points: trend.points, ...(target ? { target, now: deps.now() } : {}) }),
      };
    }
    case 'scan':
      return scan(deps, actorId);
    case 'audit':
      return { privacy: 'private', ...(await auditAnswer(command, actorId, deps)) };
    case 'export':
      return { privacy: 'private', kind: 'export', ...(await exportAnswer(deps, actorId)) };
    case 'report':
      return { privacy: 'public', text: await reportAnswer(deps.reportsHere, command, actorId, deps.now) };
    case 'target':
      return { privacy: 'public', text: await targetAnswer(deps, command, actorId) };
    case 'nudge':
      return { privacy: 'private', kind: 'userStatus', text: await nudgeAnswer(deps.sendNudge, command.who, command.force, actorId) };
  }
}

/** What the posture summary needs: the turn's answers have it, and so does the weekly report, which has no turn. */
export type SummaryDeps = Pick<AdminAnswerDeps, 'store' | 'departmentMinSize' | 'now' | 'mfaRequirement' | 'smtpLine' | 'targets'>;

export async function summary(deps: SummaryDeps, department?: string): Promise<AdminAnswer> {
  const result = await readPosture({ store: deps.store, minimumDepartmentSize: deps.departmentMinSize }, department);
  switch (result.kind) {
    case 'noScanYet':
      return {
        privacy: 'public',
        text: result.latestScan?.status === 'running' ? 'The first scan is running now; ask again when it has finished.' : NO_SCAN_YET,
      };
    case 'unknownDepartment':
      return {
        privacy: 'public',
        text: `I don't know a department called "${result.department}". Known departments: ${result.knownDepartments.slice(0, 30).join(', ') || 'none'}.`,
      };
    case 'departmentTooSmall':
      return {
        privacy: 'public',
        text: `${result.department} has fewer than ${result.minimumSize} people counted, so I don't report on it alone: no one should be singled out.`,
      };
    case 'summary': {
      const { figures, counts, change, freshness } = result;
      return {
        privacy: 'public',
        card: postureSummaryCard({
          ...(result.department !== undefined ? { department: result.department } : {}),
          figures,
          counts,
          ...(change ? { change, previousTakenAt: change.previousTakenAt } : {}),
          ...(result.byMethod ? { byMethod: result.byMethod } : {}),
          ...(result.directoryTotals ? { directoryTotals: result.directoryTotals } : {}),
          readiness: [
            ...(await targetLines(deps, result.department, figures.strongPercent)),
            ...readinessLines(deps.now(), figures, change),
            ...(await requirementLine(deps, result.department)),
          ],
          freshness: cardFreshness(freshness),
        }),
      };
    }
  }
}

/** The tenant's target and the pace it needs, first: for the whole tenant only (a target is the tenant's). */
async function targetLines(deps: SummaryDeps, department: string | undefined, strongPercent: number): Promise<ReadinessLine[]> {
  if (department !== undefined || !deps.targets) return [];
  const target = await deps.targets.get();
  return target ? [targetLine(target, strongPercent, deps.now())] : [];
}

/** For the whole tenant only: policies apply to people, not to departments' figures. A failed read costs no answer. */
async function requirementLine(deps: SummaryDeps, department: string | undefined): Promise<ReadinessLine[]> {
  if (department !== undefined) return [];
  const lines = await Promise.all([deps.mfaRequirement?.().catch(() => undefined), deps.smtpLine?.().catch(() => undefined)]);
  return lines.filter((line): line is ReadinessLine => line !== undefined);
}

export async function departments(deps: AdminAnswerDeps): Promise<AdminAnswer> {
  const result = await readDepartmentRanking({ store: deps.store, minimumDepartmentSize: deps.departmentMinSize });
  if (result.kind === 'noScanYet') return { privacy: 'public', text: NO_SCAN_YET };
  return {
    privacy: 'public',
    card: postureDepartmentsCard({
      ranking: result.ranking,
      minimumSize: result.minimumSize,
      freshness: { takenAt: result.takenAt, ...(result.reportUpdatedAt ? { reportUpdatedAt: result.reportUpdatedAt } : {}) },
    }),
  };
}

async function scan(deps: AdminAnswerDeps, actorId: string): Promise<AdminAnswer> {
  const request = await requestScan({ store: deps.store, queue: deps.requestScan, now: deps.now }, actorId);
  return request.kind === 'alreadyRunning'
    ? { privacy: 'public', card: scanStatusCard({ state: 'running', startedAt: request.startedAt }) }
    : { privacy: 'public', card: scanStatusCard({ state: 'started', startedAt: request.at, willPostResult: true }) };
}

async function exportAnswer(deps: AdminAnswerDeps, actorId: string): Promise<{ card?: AdaptiveCard; text?: string }> {
  const base = deps.publicUrl();
  if (!base) return { text: EXPORTS_OFF };
  const result = await exportPosture({ store: deps.store, vault: deps.vault, now: deps.now }, actorId);
  if (result.kind === 'noScanYet') return { text: NO_SCAN_YET };
  return {
    card: exportReadyCard({
      url: exportLink(base, result.token),
      fileName: result.fileName,
      minutes: EXPORT_LINK_MINUTES,
      summary: `${peopleText(result.people)}, from the scan of ${utcDateText(result.scannedAt)}, guests and disabled accounts included.`,
    }),
  };
}

function cardFreshness(freshness: Freshness): {
  takenAt: Date;
  reportUpdatedAt?: Date;
  latestScan?: Pick<ScanRun, 'status' | 'startedAt'>;
} {
  return {
    takenAt: freshness.takenAt,
    ...(freshness.reportUpdatedAt ? { reportUpdatedAt: freshness.reportUpdatedAt } : {}),
    ...(freshness.latestScan ? { latestScan: { status: freshness.latestScan.status, startedAt: freshness.latestScan.startedAt } } : {}),
  };
}

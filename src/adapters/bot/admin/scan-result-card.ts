import { postureChange, postureFigures } from '../../../domain/mfa/posture-figures';
import type { ScanOutcome } from '../../../use-cases/scan-tenant';
import type { AdaptiveCard } from '../cards/card-template';
import { scanStatusCard } from '../cards/scan-status-card';

/** The card posted where an admin asked for a scan, once the scan job has an outcome. */
export function scanResultCard(outcome: ScanOutcome, now: Date): AdaptiveCard {
  switch (outcome.kind) {
    case 'alreadyRunning':
      return scanStatusCard({ state: 'running', startedAt: outcome.run.startedAt });
    case 'failed':
      return scanStatusCard({
        state: 'failed',
        startedAt: outcome.run?.startedAt ?? now,
        failedAt: outcome.run?.finishedAt ?? now,
        reason: outcome.error,
      });
    case 'completed': {
      const figures = postureFigures(outcome.snapshot.overall);
      const change = outcome.previous ? postureChange(outcome.snapshot.overall, outcome.previous.overall) : undefined;
      return scanStatusCard({
        state: 'finished',
        startedAt: outcome.run.startedAt,
        finishedAt: outcome.run.finishedAt ?? now,
        users: outcome.run.users ?? figures.counted + figures.excluded,
        counted: figures.counted,
        strongPercent: figures.strongPercent,
        anyMfaPercent: figures.anyMfaPercent,
        criticalAdmins: figures.criticalAdmins,
        ...(change ? { strongChangePoints: change.strongPoints } : {}),
        ...(outcome.snapshot.reportUpdatedAt ? { reportUpdatedAt: outcome.snapshot.reportUpdatedAt } : {}),
      });
    }
  }
}

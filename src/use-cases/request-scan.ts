import type { PostureStore } from '../domain/ports/posture-store';

export type ScanRequest = { kind: 'alreadyRunning'; startedAt: Date } | { kind: 'queued'; at: Date };

/**
 * An admin's "scan": queued for them (the result is posted back where they asked), unless one is running, which
 * they are told about instead: scans run one at a time per tenant.
 */
export async function requestScan(
  deps: { store: Pick<PostureStore, 'latestScan'>; queue: (requestedBy: string) => Promise<void>; now: () => Date },
  requestedBy: string,
): Promise<ScanRequest> {
  const latest = await deps.store.latestScan();
  if (latest?.status === 'running') return { kind: 'alreadyRunning', startedAt: latest.startedAt };
  await deps.queue(requestedBy);
  return { kind: 'queued', at: deps.now() };
}

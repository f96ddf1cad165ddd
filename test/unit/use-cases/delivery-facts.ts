import type { DeliveryFact } from '../../../src/domain/campaigns/campaign-funnel';
import type { DeliveryStatus } from '../../../src/domain/campaigns/campaign-run';

/** What followed one person's delivery in one run, as the reports answer it: nothing more than said. */
export function deliveryFact(runId: string, userId: string, status: DeliveryStatus, more: Partial<DeliveryFact> = {}): DeliveryFact {
  return { runId, userId, status, opened: false, answered: false, snoozed: false, ...more };
}

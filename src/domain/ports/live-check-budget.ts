import type { MethodKind } from '../mfa/method-kind';

/** What the person's latest live check found, and when. */
export interface LastLiveCheck {
  methods: MethodKind[];
  checkedAt: Date;
}

export type LiveCheckTicket =
  /** The check may go to the directory now; it has been counted. */
  | { kind: 'granted' }
  /** Over the person's limit: no check now. `retryAt` is when one will be allowed; `last` what the latest one found, if known. */
  | { kind: 'limited'; retryAt: Date; last?: LastLiveCheck };

/**
 * Each person's share of live checks of their own methods ("status", "I've done it"), so that one person pressing
 * again and again cannot use up the tenant's directory budget, which everyone's checks and the scans share.
 */
export interface LiveCheckBudget {
  /** Counts one live check for the person if their limit allows it now; otherwise says when it will. */
  take(userId: string, now: Date): LiveCheckTicket;
  /** What a granted check found, to answer with while the person is over their limit. */
  remember(userId: string, found: LastLiveCheck): void;
}

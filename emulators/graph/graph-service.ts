/**
 * Graph throttles per service, not per API. The emulator groups its routes the same way:
 * - reports: the identity and access reports service, `/reports/authenticationMethods/*` and, per the
 *   throttling-limits page, the `authenticationMethod` resource behind `/users/{id}/authentication/*`
 *   (about 5 requests per 10 seconds per app per tenant);
 * - directory: users, groups, memberships;
 * - outlook: mailboxSettings;
 * - teamwork: Teams app catalog and installations.
 */
export const GRAPH_SERVICES = ['reports', 'directory', 'outlook', 'teamwork'] as const;
export type GraphService = (typeof GRAPH_SERVICES)[number];

export interface ThrottleSetting {
  limit: number;
  windowSeconds: number;
}

export type ThrottleSettings = Partial<Record<GraphService, ThrottleSetting | null>>;

export const DEFAULT_THROTTLE: Readonly<Record<GraphService, ThrottleSetting | null>> = {
  reports: { limit: 5, windowSeconds: 10 },
  directory: null,
  outlook: null,
  teamwork: null,
};

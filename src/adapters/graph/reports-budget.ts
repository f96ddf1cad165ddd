import type { PacerBudget } from '../request-pacer';

/**
 * The identity and access reports service's documented limit: about 5 requests per 10 seconds per app per
 * tenant. It covers `/reports/authenticationMethods/*` and `/users/{id}/authentication/methods` alike.
 */
export const REPORTS_BUDGET: Readonly<PacerBudget> = { limit: 5, windowMs: 10_000 };

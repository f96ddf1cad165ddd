import type { UserRegistration } from '../../domain/mfa/user-registration';
import type { RegistrationWalkStats } from '../../domain/ports/directory';
import { walkCollection } from './collection-walk';
import { newCounters, type GraphCaller } from './graph-caller';
import { graphPath } from './graph-path';
import type { RememberedFallback } from './remembered-fallback';
import { REPORT_FIELDS, reportRegistration, type ReportRow } from './report-registration';
import { UnknownMethodTally } from './unknown-method-tally';
import type { RequestPacer } from '../request-pacer';

export const REGISTRATION_REPORT = '/reports/authenticationMethods/userRegistrationDetails';

export interface ReportWalkParts {
  caller: GraphCaller;
  reportsPacer: RequestPacer;
  /** `$top` for the optimised form. */
  pageSize: number;
  /**
   * Microsoft's v1.0 page documents only `$filter` and `$orderby` for this report. `$select` (a smaller body) and
   * `$top` (ten times fewer requests of a budget of 5 per 10 s) are what make a large tenant's scan take minutes
   * rather than half an hour, so they are tried first and dropped for good if Graph refuses them.
   */
  optimisedForm: RememberedFallback;
}

/**
 * The registration report, page by page. Whatever the form, paging follows `@odata.nextLink`, so pages of Graph's
 * default size (the documented form sends no `$top`) are read to the end as well as pages of 999.
 */
export async function walkRegistrationReport(
  parts: ReportWalkParts,
  onPage: (page: UserRegistration[]) => Promise<void>,
): Promise<RegistrationWalkStats> {
  const counters = newCounters();
  const unknown = new UnknownMethodTally();
  let pages = 0;
  let items = 0;
  let newest: Date | undefined;
  const walk = (path: string, firstPageArrived: () => void) =>
    walkCollection<ReportRow>(parts.caller, path, { pacer: parts.reportsPacer, counters }, async (rows) => {
      firstPageArrived();
      const registrations = rows.filter((r) => r.id).map((row) => reportRegistration(row, unknown));
      if (registrations.length === 0) return;
      for (const { reportUpdatedAt } of registrations)
        if (reportUpdatedAt && (!newest || reportUpdatedAt > newest)) newest = reportUpdatedAt;
      pages++;
      items += registrations.length;
      await onPage(registrations);
    });
  const optimised = graphPath(REGISTRATION_REPORT, { $select: REPORT_FIELDS.join(','), $top: parts.pageSize });
  await parts.optimisedForm.run(
    (accepted) => walk(optimised, accepted),
    () => walk(REGISTRATION_REPORT, () => undefined),
  );
  return {
    source: 'report',
    pages,
    items,
    requests: counters.requests,
    throttled: counters.throttled,
    transientRetries: counters.transientRetries,
    reportUpdatedAt: newest,
    ...(unknown.size > 0 ? { unknownMethods: unknown.toRecord() } : {}),
  };
}

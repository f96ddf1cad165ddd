import type { UserMfaStatus } from '../domain/mfa/user-registration';
import type { PostureStore, UserCursor } from '../domain/ports/posture-store';

/**
 * Everyone of a completed scan, `pageSize` people at a time in list order, each page asked for after the last
 * person of the one before: memory holds a page whatever the tenant's size, and the last page costs what the first
 * does. Ends early, without an error, once a newer scan has replaced this one; a caller that must know counts.
 */
export async function* pagesOfScan(
  store: Pick<PostureStore, 'usersOfScan'>,
  scanId: string,
  pageSize: number,
): AsyncGenerator<UserMfaStatus[]> {
  let after: UserCursor | undefined;
  for (;;) {
    const page = await store.usersOfScan(scanId, after, pageSize);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { displayName: last.displayName, id: last.id };
  }
}

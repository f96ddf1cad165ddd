import type { GraphCaller } from './graph-caller';
import { graphPath } from './graph-path';

/** A group a name may mean: its id and its name as Entra has it. */
export interface NamedGroup {
  id: string;
  displayName: string;
}

/** The most groups one name is answered with: more means the name says too little, and the id is asked for. */
export const MOST_GROUPS_NAMED = 5;

/**
 * The groups whose display name is exactly `name` (Graph compares it without regard to case): GET /groups with
 * $filter displayName eq, which needs no advanced query. A quote in the name is doubled, as OData strings want.
 */
export async function groupsNamed(caller: Pick<GraphCaller, 'send'>, name: string): Promise<NamedGroup[]> {
  const literal = name.replace(/'/g, "''");
  const answer = await caller.send<{ value?: { id?: string; displayName?: string | null }[] }>({
    method: 'GET',
    path: graphPath('/groups', { $filter: `displayName eq '${literal}'`, $select: 'id,displayName', $top: MOST_GROUPS_NAMED + 1 }),
  });
  return (answer.value ?? []).flatMap((group) => (group.id ? [{ id: group.id, displayName: group.displayName ?? '' }] : []));
}

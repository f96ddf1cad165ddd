import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { Directory, Person } from '../../domain/ports/directory';

interface GraphUser {
  id: string;
  displayName?: string | null;
  givenName?: string | null;
  department?: string | null;
  jobTitle?: string | null;
}

/** `Directory` on Microsoft Graph. Always `$select`s: Graph's default user fields leave out department. */
export class GraphDirectory implements Directory {
  constructor(private readonly client: Client) {}

  async findPerson(id: string): Promise<Person | undefined> {
    try {
      const user = (await this.client
        .api(`/users/${encodeURIComponent(id)}`)
        .select(['id', 'displayName', 'givenName', 'department', 'jobTitle'])
        .get()) as GraphUser;
      return {
        id: user.id,
        displayName: user.displayName ?? '',
        givenName: user.givenName ?? undefined,
        department: user.department ?? undefined,
        jobTitle: user.jobTitle ?? undefined,
      };
    } catch (error) {
      if (error instanceof GraphError && error.statusCode === 404) return undefined;
      throw error;
    }
  }
}

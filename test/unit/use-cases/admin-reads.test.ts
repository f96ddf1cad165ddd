import { GraphFailure } from '../../../src/adapters/graph/graph-failure';
import { DEFAULT_CLASSIFICATION_POLICY } from '../../../src/domain/mfa/mfa-strength';
import { DEFAULT_RATE_POLICY } from '../../../src/domain/mfa/rate-policy';
import type { UserMfaStatus } from '../../../src/domain/mfa/user-registration';
import type { AuditEntry, AuditSelection } from '../../../src/domain/ports/audit-log';
import type { PostureStore, ScanRun, UserQuery } from '../../../src/domain/ports/posture-store';
import type { MethodKind } from '../../../src/domain/mfa/method-kind';
import { listUsers } from '../../../src/use-cases/list-users';
import { lookUpUser, MOST_MATCHES_SHOWN } from '../../../src/use-cases/look-up-user';
import { AUDIT_ENTRIES_SHOWN, auditSelectionOf, readAudit } from '../../../src/use-cases/read-audit';
import { requestScan } from '../../../src/use-cases/request-scan';
import { expectedStatus, fakeUser } from '../../fakes/fake-user';

/** The admin commands' use cases on in-memory fakes of their ports: no Teams, no Graph, no database. */
const NOW = new Date('2026-12-01T09:00:00Z');
const person = (id: string, methods: MethodKind[] = [], upn?: string) =>
  expectedStatus(fakeUser(id, { methods, ...(upn ? { userPrincipalName: upn } : {}), displayName: `Chen ${id}` }));

function storeOf(users: UserMfaStatus[]) {
  return {
    findUsers: async (query: string, limit: number) =>
      users.filter((u) => `${u.displayName} ${u.userPrincipalName}`.toLowerCase().includes(query.trim().toLowerCase())).slice(0, limit),
  };
}

describe('lookUpUser', () => {
  const deps = (users: UserMfaStatus[], currentMethods: (id: string) => Promise<never[] | ['authenticatorPush']>) => ({
    store: storeOf(users),
    directory: { currentMethods },
    policy: DEFAULT_CLASSIFICATION_POLICY,
    rates: DEFAULT_RATE_POLICY,
    now: () => NOW,
  });

  it('checks the one person the query names live: the report says no MFA, Graph says Authenticator now', async () => {
    const found = await lookUpUser(
      deps([person('a1')], async () => ['authenticatorPush']),
      'a1@contoso.example',
    );
    expect(found).toMatchObject({ kind: 'found', source: 'live', checkedAt: NOW, status: { id: 'a1', strength: 'strong' } });
  });

  it('prefers the exact UPN among several matches, and lists the others when none is exact', async () => {
    const users = [person('a1', [], 'chen@contoso.example'), person('a2', [], 'chen.li@contoso.example')];
    expect(
      await lookUpUser(
        deps(users, async () => []),
        'chen@contoso.example',
      ),
    ).toMatchObject({ kind: 'found', status: { id: 'a1' } });
    const several = await lookUpUser(
      deps(users, async () => []),
      'chen',
    );
    expect(several).toEqual({ kind: 'several', matches: users, more: false });
  });

  it('shows at most five to choose from and says there are more', async () => {
    const many = Array.from({ length: 9 }, (_, i) => person(`p${i}`));
    const several = await lookUpUser(
      deps(many, async () => []),
      'chen',
    );
    expect(several).toMatchObject({ kind: 'several', more: true });
    expect(several.kind === 'several' && several.matches).toHaveLength(MOST_MATCHES_SHOWN);
  });

  it("falls back on the scan's view when Graph fails, and says why by the failure's code", async () => {
    const forbidden = async () => {
      throw new GraphFailure({ kind: 'forbidden', operation: 'GET /users/{id}/authentication/methods', status: 403 });
    };
    const found = await lookUpUser(deps([person('a1')], forbidden), 'a1@contoso.example');
    expect(found).toMatchObject({ kind: 'found', source: 'report', liveCheckFailed: 'GRAPH-FORBIDDEN', status: { strength: 'none' } });
    const bug = async () => {
      throw new TypeError('x is undefined');
    };
    expect(await lookUpUser(deps([person('a1')], bug), 'a1@contoso.example')).toMatchObject({ liveCheckFailed: 'INTERNAL' });
  });

  it('finds no one for a query nobody matches', async () => {
    expect(
      await lookUpUser(
        deps([person('a1')], async () => []),
        'nobody',
      ),
    ).toEqual({ kind: 'noMatch' });
  });
});

describe('listUsers', () => {
  const snapshot = { takenAt: NOW, reportUpdatedAt: new Date('2026-12-01T06:00:00Z') } as unknown as Awaited<
    ReturnType<PostureStore['latestSnapshots']>
  >[number];
  it("asks the store for the list's strengths, a page from a non-negative offset, with the scan's freshness", async () => {
    const asked: UserQuery[] = [];
    const store = {
      latestSnapshots: async () => [snapshot],
      listUsers: async (query: UserQuery) => {
        asked.push(query);
        return { users: [person('a1')], total: 41 };
      },
    };
    const page = await listUsers({ store }, { list: 'weak', department: 'Sales', offset: -5, pageSize: 20 });
    expect(asked).toEqual([{ strengths: ['weak'], department: 'Sales', offset: 0, limit: 20 }]);
    expect(page).toMatchObject({ kind: 'page', total: 41, offset: 0, takenAt: NOW, reportUpdatedAt: snapshot.reportUpdatedAt });
    await listUsers({ store }, { list: 'unenrolled', offset: 20, pageSize: 20 });
    expect(asked[1]).toEqual({ strengths: ['none'], offset: 20, limit: 20 });
  });

  it('says there is no scan yet rather than an empty list', async () => {
    const store = {
      latestSnapshots: async () => [],
      listUsers: async () => {
        throw new Error('not asked');
      },
    };
    expect(await listUsers({ store }, { list: 'weak', offset: 0, pageSize: 20 })).toEqual({ kind: 'noScanYet' });
  });
});

describe('requestScan', () => {
  it('queues a scan for the admin who asked, unless one is running: scans run one at a time', async () => {
    const queued: string[] = [];
    const queue = async (by: string) => {
      queued.push(by);
    };
    const idle = { latestScan: async () => ({ status: 'completed', startedAt: NOW }) as unknown as ScanRun };
    expect(await requestScan({ store: idle, queue, now: () => NOW }, 'admin-1')).toEqual({ kind: 'queued', at: NOW });
    const startedAt = new Date('2026-12-01T08:58:00Z');
    const busy = { latestScan: async () => ({ status: 'running', startedAt }) as unknown as ScanRun };
    expect(await requestScan({ store: busy, queue, now: () => NOW }, 'admin-2')).toEqual({ kind: 'alreadyRunning', startedAt });
    expect(queued).toEqual(['admin-1']);
  });
});

describe('readAudit', () => {
  const entry = (action: string) =>
    ({ at: NOW, actorId: 'a', action, where: 'personal', conversationId: 'c', outcome: 'allowed' }) as AuditEntry;

  function logOf(entries: AuditEntry[]) {
    const asked: { limit: number; selection?: AuditSelection }[] = [];
    const auditLog = {
      latest: async (limit: number, selection?: AuditSelection) => {
        asked.push({ limit, ...(selection ? { selection } : {}) });
        return entries.slice(0, limit);
      },
    };
    return { asked, deps: { auditLog, now: () => NOW } };
  }

  it('reads the latest entries, as many as the command shows, and says when there are more', async () => {
    const many = Array.from({ length: AUDIT_ENTRIES_SHOWN + 5 }, (_, i) => entry(`a${i}`));
    const { asked, deps } = logOf(many);

    const reading = await readAudit(deps);

    expect(reading.entries).toEqual(many.slice(0, AUDIT_ENTRIES_SHOWN));
    expect(reading.more).toBe(true);
    expect(asked).toEqual([{ limit: AUDIT_ENTRIES_SHOWN + 1 }]);
  });

  it('says there are no more when every entry is shown', async () => {
    const { deps } = logOf([entry('posture'), entry('scan')]);
    expect(await readAudit(deps)).toEqual({ entries: [entry('posture'), entry('scan')], more: false });
  });

  it.each([
    [
      { kind: 'person', text: 'adele' },
      { kind: 'about', text: 'adele' },
    ],
    [
      { kind: 'campaign', number: 3 },
      { kind: 'campaign', number: 3 },
    ],
    // The last 7 days are the 7 x 24 hours up to the clock it is given, not to the machine's.
    [
      { kind: 'days', days: 7 },
      { kind: 'since', at: new Date('2026-11-24T09:00:00Z') },
    ],
    [
      { kind: 'days', days: 1 },
      { kind: 'since', at: new Date('2026-11-30T09:00:00Z') },
    ],
  ] as const)('reads %j from the log as %j', async (filter, selection) => {
    const { asked, deps } = logOf([]);
    await readAudit(deps, filter);
    expect(asked).toEqual([{ limit: AUDIT_ENTRIES_SHOWN + 1, selection }]);
    expect(auditSelectionOf(filter, NOW)).toEqual(selection);
  });
});

import { doctorCard } from '../../../../../src/adapters/bot/cards/doctor-card';
import { GraphFailure } from '../../../../../src/adapters/graph/graph-failure';
import { judgeRoles } from '../../../../../src/adapters/graph/graph-permission-check';
import { GRAPH_PERMISSIONS } from '../../../../../src/adapters/graph/graph-permissions';
import { probeFailure } from '../../../../../src/adapters/graph/graph-probe-words';
import type { HealthStatus } from '../../../../../src/domain/ports/health-check';
import type { CheckOutcome, DoctorReport } from '../../../../../src/use-cases/run-doctor';
import { allText, expectSoundCard, MARKDOWN_NAME, ofType, worstText } from './card-inspect';

const startedAt = new Date('2026-03-02T09:00:00Z');

function report(checks: CheckOutcome[]): DoctorReport {
  const counts: Record<HealthStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const check of checks) counts[check.status]++;
  const status: HealthStatus = counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'ok';
  return { status, checks, counts, startedAt, tookMs: 1234 };
}

const ok = (name: string): CheckOutcome => ({ name, status: 'ok', summary: 'answered', tookMs: 1 });

describe('doctorCard', () => {
  it('says the verdict, when it was checked, and one line per check that is ok', () => {
    const card = doctorCard(report([ok('Graph permissions'), ok('Database')]));
    expectSoundCard(card, 4_000);
    const text = allText(card);
    expect(text).toContain('MFA Coach can work in this tenant: all 2 checks passed.');
    expect(text).toContain('Checked 2 Mar 2026 09:00 UTC, in 1.2 s: 2 ok, 0 warnings, 0 failing.');
    expect(text).toContain('Graph permissions\nanswered');
    expect(text).not.toContain('Stops working');
    expect(ofType(card, 'FactSet')).toHaveLength(0);
  });

  it('shows, for a check that is not ok, what stops working, what to do and its lines', () => {
    const card = doctorCard(
      report([
        {
          name: 'Graph permissions',
          status: 'fail',
          summary: 'missing: AuditLog.Read.All',
          impact: 'scans fail with 403',
          fix: 'grant AuditLog.Read.All',
          details: [
            { label: 'AuditLog.Read.All', status: 'fail', text: 'missing' },
            { label: 'User.Read.All', status: 'ok', text: 'granted' },
          ],
          tookMs: 1,
        },
        {
          name: 'Clock',
          status: 'warn',
          summary: "the database's clock is 90 s ahead of the bot's",
          impact: 'sends drift',
          fix: 'NTP',
          tookMs: 1,
        },
      ]),
    );
    expectSoundCard(card, 6_000);
    const text = allText(card);
    expect(text).toContain('MFA Coach cannot fully work in this tenant: 1 check fails (Graph permissions).');
    expect(text).toContain('Stops working: scans fail with 403');
    expect(text).toContain('To do: grant AuditLog.Read.All');
    expect(text).toContain('AuditLog.Read.All: FAIL: missing');
    expect(text).toContain('User.Read.All: OK: granted');
    expect(text).toContain('Stops working: sends drift');
    const statuses = ofType(card, 'TextBlock').filter((b) => ['OK', 'WARN', 'FAIL'].includes(b.text as string));
    expect(statuses.map((b) => [b.text, b.color])).toEqual([
      // The word says it: red text reads below AA on Teams' dark theme.
      ['FAIL', 'Default'],
      ['WARN', 'Default'],
    ]);
  });

  it('escapes what would become a link or a template binding, from Graph messages as from anywhere', () => {
    const card = doctorCard(report([{ name: 'Graph: users', status: 'fail', summary: `${MARKDOWN_NAME} \${oops}`, tookMs: 1 }]));
    expectSoundCard(card, 4_000);
    expect(allText(card)).toContain('\\[click\\](https://evil.example) \\*boss\\* $\\{oops}');
  });

  it("stays under Teams' card size when every check fails with the longest words, and says what it left out", () => {
    const long = worstText(2000);
    const checks: CheckOutcome[] = Array.from({ length: 16 }, (_, i) => ({
      name: `Check ${i} ${long}`,
      status: 'fail' as const,
      summary: long,
      impact: long,
      fix: long,
      details: Array.from({ length: 8 }, () => ({ label: long, status: 'fail' as const, text: long })),
      tookMs: 1,
    }));
    const card = doctorCard(report(checks));
    expectSoundCard(card, 24_000);
    expect(allText(card)).toContain('Some advice is left out to fit in Teams: npm run doctor shows all of it.');
  });

  it('keeps all the advice of a tenant where every permission is missing, well under the size', () => {
    const permissions = judgeRoles([], { adminRoles: true, perUserMethods: true, proactiveInstall: true, policyAdmins: true });
    const refused = (name: string, permission: string): CheckOutcome => ({
      name,
      ...probeFailure(new GraphFailure({ kind: 'forbidden', operation: 'GET /x', status: 403, code: 'Authorization_RequestDenied' }), {
        permission: GRAPH_PERMISSIONS.find((p) => p.name === permission)!,
        needed: true,
      }),
      tookMs: 1,
    });
    const card = doctorCard(
      report([
        { name: 'Graph permissions', ...permissions, tookMs: 1 },
        ...GRAPH_PERMISSIONS.map((p) => refused(`Graph: ${p.name}`, p.name)),
        ok('Public URL'),
        ok('Database'),
        ok('Job engine'),
        ok('Clock'),
        ok('Answer model'),
      ]),
    );
    expectSoundCard(card);
    const text = allText(card);
    expect(text).not.toContain('left out');
    for (const p of GRAPH_PERMISSIONS) expect(text).toContain(`${p.name}: ${p.onlyDegrades ? 'WARN' : 'FAIL'}: missing.`);
  });
});

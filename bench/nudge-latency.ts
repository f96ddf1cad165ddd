/**
 * Benchmark: how long nudges take end to end on the embedded database, through the Graph and Connector emulators.
 *   - first_nudge: `nudge <UPN>` for someone who never opened the bot (live check, time zone, reservation, Graph
 *     install, createConversation, send, admin's answer);
 *   - repeat_nudge: `nudge <UPN> force` to someone whose chat is known;
 *   - recheck: "I've done it" (an invoke: live recheck through Graph, card back), which Teams cuts off at 5 s.
 * Graph's reports limit (5 requests / 10 s) and Teams' per-chat limits on the admin's chat are lifted: this measures the bot.
 * Prints one JSON line.
 *
 *   npm run bench:nudge -- [--people 100]
 */
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { MFA_COACH_ADMINS_GROUP, demoPersonas, generateDemoTenant } from '../emulators/demo-tenant';
import { startEndToEnd } from '../test/support/end-to-end';
import { percentile } from './percentile';
import { arg } from './command-line';

function summary(name: string, times: number[]): Record<string, number> {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    [`${name}_p50_ms`]: +percentile(sorted, 50).toFixed(1),
    [`${name}_p99_ms`]: +percentile(sorted, 99).toFixed(1),
    [`${name}_max_ms`]: +sorted[sorted.length - 1]!.toFixed(1),
  };
}

async function main(): Promise<void> {
  const people = Number(arg('people', '100'));
  const tenant = generateDemoTenant({ users: people + 50 });
  const { admin: adminPerson } = demoPersonas(tenant);
  const adminGroup = tenant.groups.find((g) => g.displayName === MFA_COACH_ADMINS_GROUP)!;
  const e2e = await startEndToEnd({
    tenant,
    database: 'pglite',
    graph: { throttle: { reports: null } },
    // Every answer goes to the one admin's chat, which Teams would hold to 7 a second and 60 in 30 s.
    connector: {
      globalRatePerSecond: 1_000_000,
      perConversation: { perSecond: 1e6, per2Seconds: 1e6, per30Seconds: 1e6, per3600Seconds: 1e6 },
    },
    app: {
      adminGroupIds: [adminGroup.id],
      configure: (c) => ({ ...c, log: { level: 'warn' }, nudges: { ...c.nudges, teamsAppCatalogId: tenant.teamsAppId } }),
      overrides: { reportsBudget: { limit: 100_000, windowMs: 1000 } },
    },
  });
  const { harness, teams, connector, graph } = e2e;
  try {
    const admin = { aadObjectId: adminPerson.id, name: adminPerson.displayName };
    await harness.post(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user: admin }));
    const targets = tenant.users.filter((u) => u.accountEnabled && u.userType === 'Member' && u.id !== adminPerson.id).slice(0, people);
    for (const t of targets) graph.state.setMethods(t.id, []);
    const timed = async (run: () => Promise<unknown>) => {
      const started = performance.now();
      await run();
      return performance.now() - started;
    };
    const first: number[] = [];
    const repeat: number[] = [];
    const recheck: number[] = [];
    for (const t of targets)
      first.push(await timed(() => harness.post(teams.aMessage({ text: `nudge ${t.userPrincipalName}`, user: admin }))));
    for (const t of targets)
      repeat.push(await timed(() => harness.post(teams.aMessage({ text: `nudge ${t.userPrincipalName} force`, user: admin }))));
    const rows = await harness.app.database.query<{ id: string; user_id: string; activity_id: string }>(
      "SELECT DISTINCT ON (user_id) id, user_id, activity_id FROM nudges WHERE status = 'sent' ORDER BY user_id, created_at DESC",
    );
    if (rows.length !== targets.length) throw new Error(`expected ${targets.length} people nudged, found ${rows.length}`);
    for (const row of rows) {
      const user = { aadObjectId: row.user_id };
      const invoke = teams.anAdaptiveCardInvoke({ verb: 'nudge.done', data: { nudgeId: row.id }, user, replyToId: row.activity_id });
      let status = 0;
      recheck.push(await timed(async () => ({ status } = await harness.post(invoke))));
      if (status !== 200) throw new Error(`"I've done it" answered ${status}`);
    }
    console.log(
      JSON.stringify({
        bench: 'nudge-latency',
        people,
        database: 'pglite',
        ...summary('first_nudge', first),
        ...summary('repeat_nudge', repeat),
        ...summary('recheck', recheck),
        installs: graph.stats().requestsByRoute['POST /users/{id}/teamwork/installedApps'] ?? 0,
        chats_created: connector.stats().conversationsCreated,
        cpus: cpus().length,
        mem_gb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      }),
    );
  } finally {
    await e2e.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

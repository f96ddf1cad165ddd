import { demoPersonas, generateDemoTenant } from '../../emulators/demo-tenant';
import { databaseChoices } from '../support/app-harness';
import { adminsGroupOf, cardParts, teamsUser, useEndToEnd, wordsOf as text } from '../support/end-to-end';

jest.setTimeout(60_000);

const tenant = generateDemoTenant({ users: 120 });
const { admin: adminPerson } = demoPersonas(tenant);
const admin = teamsUser(adminPerson);
const NOW = new Date('2026-12-07T12:00:00Z');

describe.each(databaseChoices())('a target for strong MFA end to end (%s)', (database) => {
  const e2e = useEndToEnd(
    {
      tenant,
      database,
      graph: { throttle: { reports: null } },
      app: { adminGroupIds: [adminsGroupOf(tenant).id], overrides: { now: () => NOW, reportsBudget: { limit: 1000, windowMs: 1000 } } },
    },
    { installFor: [admin] },
  );
  const lastSaid = () => text(e2e.connector.activities(e2e.personal(admin)).at(-1)?.activity ?? null);

  beforeAll(async () => {
    await e2e.say(admin, 'scan');
    await e2e.connector.waitFor((r) => /scan finished/i.test(text(r.body)), 30_000);
  });

  it('is set by an admin, then shown with the pace needed on posture and as a line on trend, until removed', async () => {
    await e2e.say(admin, 'target 99% by 2027-03-31');
    expect(lastSaid()).toContain('Target set; posture and trend show it.');
    expect(lastSaid()).toMatch(/Target 99% strong by 31 Mar 2027: [\d.]+ points to go in 16 weeks, about [\d.]+ a week/);
    expect((await e2e.auditTrail()).at(-1)).toMatchObject({ action: 'target 99% by 2027-03-31', outcome: 'allowed' });

    await e2e.say(admin, 'posture');
    expect(text(e2e.cardsTo(admin).at(-1))).toMatch(/Target 99% strong by 31 Mar 2027: [\d.]+ points to go/);

    await e2e.say(admin, 'trend');
    const trend = e2e.cardsTo(admin).at(-1)!;
    const chart = cardParts(trend).find((part) => part.type === 'Chart.Line') as {
      data: { legend: string; values: { x: string; y: number }[] }[];
    };
    expect(chart.data.map((series) => series.legend)).toEqual(['% strong', 'Needed for 99% by 31 Mar 2027']);
    expect(chart.data[1]!.values.at(-1)).toEqual({ x: '2027-03-31', y: 99 });

    await e2e.say(admin, 'target off');
    expect(lastSaid()).toContain('Target removed');
    await e2e.say(admin, 'posture');
    expect(text(e2e.cardsTo(admin).at(-1))).not.toContain('Target 99%');
  });

  it('refuses a target for a day that has passed, and sets nothing', async () => {
    await e2e.say(admin, 'target 95% by 2026-12-01');
    expect(lastSaid()).toContain('2026-12-01 has passed');
    await e2e.say(admin, 'target');
    expect(lastSaid()).toContain('No target is set');
  });
});

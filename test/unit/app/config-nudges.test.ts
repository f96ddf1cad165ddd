import { ConfigError, loadDemoConfig, loadProductionConfig } from '../../../src/app/config';

const complete = {
  BOT_ID: '11111111-2222-3333-4444-555555555555', SECRET_BOT_PASSWORD: 's3cr3t-value', TENANT_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  SECRET_GRAPH_CLIENT_SECRET: 'graph-s3cr3t', DATABASE_URL: 'postgres://mfa@db:5432/mfacoach', ADMIN_GROUP_IDS: '99999999-0000-4000-8000-00000000ad01',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadProductionConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('nudge settings', () => {
  it('defaults to weekdays 09–17, one nudge per 2 days, snoozes of 1, 3 or 7 days three times, no proactive install', () => {
    const { nudges } = loadProductionConfig(complete);
    expect(nudges.policy).toEqual({
      sendingHours: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
      defaultTimeZone: 'UTC',
      cap: { maxNudges: 1, perDays: 2 },
      snooze: { choicesDays: [1, 3, 7], maxPerSeries: 3 },
    });
    expect(nudges.teamsAppCatalogId).toBeUndefined();
    expect(nudges.serviceUrl).toBe('https://smba.trafficmanager.net/teams/');
  });

  it('reads every setting', () => {
    const { nudges } = loadProductionConfig({
      ...complete, NUDGE_SENDING_HOURS: '08-18 Mon,Tue,Thu', NUDGE_DEFAULT_TIME_ZONE: 'Europe/Paris', NUDGE_MAX_PER_PERIOD: '2', NUDGE_PERIOD_DAYS: '7',
      SNOOZE_CHOICES_DAYS: '2,1', SNOOZE_MAX_PER_SERIES: '1', TEAMS_APP_CATALOG_ID: '7571089b-c3ff-4c04-98a3-8751ae002d44', HELP_DESK_CONVERSATION_ID: '19:abc@thread.tacv2',
    });
    expect(nudges).toEqual(expect.objectContaining({
      policy: { sendingHours: { startHour: 8, endHour: 18, weekdays: [1, 2, 4] }, defaultTimeZone: 'Europe/Paris', cap: { maxNudges: 2, perDays: 7 }, snooze: { choicesDays: [1, 2], maxPerSeries: 1 } },
      teamsAppCatalogId: '7571089b-c3ff-4c04-98a3-8751ae002d44',
      helpDeskConversationId: '19:abc@thread.tacv2',
    }));
  });

  it('names each malformed setting, all at once', () => {
    const text = problemsOf({ ...complete, NUDGE_SENDING_HOURS: '17-09 Mon', NUDGE_DEFAULT_TIME_ZONE: 'Mars/Olympus', SNOOZE_CHOICES_DAYS: '0,400', TEAMS_APP_CATALOG_ID: 'mfa-coach' }).join('\n');
    for (const name of ['NUDGE_SENDING_HOURS', 'NUDGE_DEFAULT_TIME_ZONE', 'SNOOZE_CHOICES_DAYS', 'TEAMS_APP_CATALOG_ID']) expect(text).toContain(name);
  });

  it('lets the demo nudge at any hour unless told otherwise', () => {
    const demo = { tenantId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', graphBaseUrl: 'http://127.0.0.1:9', teamsAppCatalogId: '7571089b-c3ff-4c04-98a3-8751ae002d44' };
    expect(loadDemoConfig({}, demo).nudges.policy.sendingHours).toEqual({ startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(loadDemoConfig({}, demo).nudges.teamsAppCatalogId).toBe(demo.teamsAppCatalogId);
    expect(loadDemoConfig({ NUDGE_SENDING_HOURS: '09:00-17:00 Mon-Fri' }, demo).nudges.policy.sendingHours.weekdays).toEqual([1, 2, 3, 4, 5]);
  });
});

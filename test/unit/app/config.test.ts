import { loadDemoConfig, loadProductionConfig } from '../../../src/app/config';
import { BOT_ID, complete, problemsOf, TENANT } from './production-settings';

describe('production configuration', () => {
  it('names every missing setting at once, and how to set it', () => {
    const problems = problemsOf({});
    const text = problems.join('\n');
    for (const name of ['BOT_ID', 'SECRET_BOT_PASSWORD', 'TENANT_ID', 'SECRET_GRAPH_CLIENT_SECRET', 'DATABASE_URL', 'ADMIN_GROUP_IDS'])
      expect(text).toContain(name);
    expect(problems.length).toBeGreaterThanOrEqual(4);
  });

  it('accepts a complete configuration and keeps the credentials apart', () => {
    const config = loadProductionConfig(complete);
    expect(config.mode).toBe('production');
    expect(config.tenantId).toBe(TENANT);
    expect(config.bot.credential).toEqual({ kind: 'secret', appId: BOT_ID, password: 's3cr3t-value', appType: 'SingleTenant' });
    expect(config.graph.credential).toEqual({ kind: 'secret', clientId: BOT_ID, secret: 'graph-s3cr3t' });
    expect(config.server).toEqual({ host: '0.0.0.0', port: 3978 });
  });

  it('accepts a certificate or a managed identity instead of a secret', () => {
    const { SECRET_BOT_PASSWORD: _unused, ...rest } = complete;
    const cert = loadProductionConfig({ ...rest, BOT_CERTIFICATE_THUMBPRINT: 'AB12', BOT_CERTIFICATE_PRIVATE_KEY_FILE: 'bot.key' });
    expect(cert.bot.credential.kind).toBe('certificate');
    const msi = loadProductionConfig({ ...rest, BOT_TYPE: 'UserAssignedMsi' });
    expect(msi.bot.credential.kind).toBe('managedIdentity');
    expect(msi.graph.credential.kind).toBe('managedIdentity');
  });

  it('rejects malformed ids and URLs without echoing their values', () => {
    const problems = problemsOf({ ...complete, BOT_ID: 'not-a-guid', TENANT_ID: 'x', DATABASE_URL: 'nope', PORT: 'eighty' });
    const text = problems.join('\n');
    expect(text).toMatch(/BOT_ID must be a GUID/);
    expect(text).toMatch(/TENANT_ID must be a GUID/);
    expect(text).toMatch(/DATABASE_URL must be an absolute URL/);
    expect(text).toMatch(/PORT/);
    expect(text).not.toContain('not-a-guid');
  });

  it('refuses plain http for the public address, Graph, the token metadata and the Connector, except on loopback', () => {
    const names = ['PUBLIC_BASE_URL', 'GRAPH_BASE_URL', 'BOT_OPENID_METADATA_URL', 'BOT_EMULATOR_OPENID_METADATA_URL', 'BOT_SERVICE_URL'];
    const problems = problemsOf({ ...complete, ...Object.fromEntries(names.map((name) => [name, 'http://coach.contoso.com/path'])) });
    for (const name of names) expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name} must be an https address`)));
    expect(problems.join('\n')).not.toContain('coach.contoso.com');

    const local = loadProductionConfig({
      ...complete,
      PUBLIC_BASE_URL: 'https://coach.contoso.com',
      GRAPH_BASE_URL: 'http://127.0.0.1:8080',
      BOT_OPENID_METADATA_URL: 'http://localhost:3000/openid',
      BOT_SERVICE_URL: 'http://[::1]:9000/',
    });
    expect(local.server.publicUrl).toBe('https://coach.contoso.com');
    expect(local.graph.baseUrl).toBe('http://127.0.0.1:8080');
    expect(local.bot.tokenValidation.openIdMetadataUrl).toBe('http://localhost:3000/openid');
  });

  it('never puts a secret in its error message', () => {
    try {
      loadProductionConfig({ SECRET_BOT_PASSWORD: 'hunter2-very-secret', BOT_ID: 'bad' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2-very-secret');
      expect((error as Error).message).toContain('TENANT_ID');
    }
  });
});

describe('posture settings', () => {
  it('reads SMTP_MAILBOX_OWNERS as mailbox=owner pairs, none by default, and names a malformed pair without its value', () => {
    expect(loadProductionConfig(complete).posture.smtpMailboxOwners.size).toBe(0);
    const { posture } = loadProductionConfig({ ...complete, SMTP_MAILBOX_OWNERS: 'Scanner@contoso.example=alex@contoso.example' });
    expect([...posture.smtpMailboxOwners]).toEqual([['scanner@contoso.example', 'alex@contoso.example']]);
    const problems = problemsOf({ ...complete, SMTP_MAILBOX_OWNERS: 'scanner@contoso.example' }).join('\n');
    expect(problems).toContain('SMTP_MAILBOX_OWNERS: pair 1 is not mailbox=owner');
    expect(problems).not.toContain('contoso.example');
  });

  it('has sensible defaults: daily scan at 03:00 UTC from the report, guests and disabled accounts out of rates', () => {
    const { posture } = loadProductionConfig(complete);
    expect(posture).toMatchObject({
      adminGroupIds: ['99999999-0000-4000-8000-00000000ad01'],
      scanCron: '0 3 * * *',
      scanTimeZone: 'UTC',
      registrationSource: 'report',
      rates: { includeGuests: false, includeDisabled: false },
      departmentMinSize: 5,
    });
  });

  it('takes directory roles as the only way to name admins, and says how to set either when neither is set', () => {
    const { ADMIN_GROUP_IDS: _groups, ...withoutGroups } = complete;
    const SECURITY_ADMINISTRATOR = '194ae4cb-b126-40b2-bd5b-6091b380977d';

    expect(loadProductionConfig({ ...withoutGroups, ADMIN_ROLE_TEMPLATE_IDS: SECURITY_ADMINISTRATOR }).posture).toMatchObject({
      adminGroupIds: [],
      adminRoleTemplateIds: [SECURITY_ADMINISTRATOR],
    });
    const text = problemsOf(withoutGroups).join('\n');
    expect(text).toMatch(/ADMIN_GROUP_IDS.*ADMIN_ROLE_TEMPLATE_IDS/);
    expect(problemsOf({ ...complete, ADMIN_ROLE_TEMPLATE_IDS: 'Global Administrator' }).join('\n')).toMatch(
      /ADMIN_ROLE_TEMPLATE_IDS must be a comma-separated list/,
    );
  });

  it('rejects a bad cron, time zone, group id list or source, naming each', () => {
    const text = problemsOf({
      ...complete,
      SCAN_CRON: 'daily',
      SCAN_TIME_ZONE: 'Mars/Olympus',
      ADMIN_GROUP_IDS: 'admins',
      REGISTRATION_SOURCE: 'guess',
    }).join('\n');
    expect(text).toMatch(/SCAN_CRON/);
    expect(text).toMatch(/SCAN_TIME_ZONE/);
    expect(text).toMatch(/ADMIN_GROUP_IDS must be a comma-separated list/);
    expect(text).toMatch(/REGISTRATION_SOURCE/);
  });
});

describe('answer settings', () => {
  it('sends people to the help desk when set, and to the admin contact when not', () => {
    expect(loadProductionConfig({ ...complete, HELP_DESK_CONTACT: ' the IT service desk, extension 4357 ' }).answers).toEqual({
      helpDeskContact: 'the IT service desk, extension 4357',
    });
    expect(loadProductionConfig({ ...complete, ADMIN_CONTACT: 'security@contoso.com' }).answers).toEqual({
      helpDeskContact: 'security@contoso.com',
    });
    expect(loadProductionConfig({ ...complete, HELP_DESK_CONTACT: '  ' }).answers.helpDeskContact).toBe('your IT security team');
  });

  it('refuses a help desk text too long for a card, naming the setting', () => {
    expect(problemsOf({ ...complete, HELP_DESK_CONTACT: 'x'.repeat(201) }).join('\n')).toMatch(
      /HELP_DESK_CONTACT: must be at most 200 characters/,
    );
  });
});

describe('demo configuration', () => {
  const demo = { tenantId: TENANT, graphBaseUrl: 'http://127.0.0.1:9999' };

  it('needs no credentials and listens on loopback', () => {
    const config = loadDemoConfig({}, demo);
    expect(config.bot.credential).toEqual({ kind: 'anonymous' });
    expect(config.server.host).toBe('127.0.0.1');
    expect(config.database.url).toBeUndefined();
  });

  it('refuses to listen beyond loopback without credentials', () => {
    expect(() => loadDemoConfig({ HOST: '0.0.0.0' }, demo)).toThrow(/loopback/);
  });
});

describe('nudge settings', () => {
  it('defaults to weekdays 09–17, one nudge per 2 days, snoozes of 1, 3 or 7 days three times, no proactive install', () => {
    const { nudges } = loadProductionConfig(complete);
    expect(nudges.policy).toEqual({
      sendingHours: { startHour: 9, endHour: 17, weekdays: [1, 2, 3, 4, 5] },
      defaultTimeZone: 'UTC',
      cap: { maxNudges: 1, perDays: 2 },
      snooze: { choicesDays: [1, 3, 7], maxPerSeries: 3 },
      target: 'authenticator',
    });
    expect(nudges.teamsAppCatalogId).toBeUndefined();
    expect(nudges.serviceUrl).toBe('https://smba.trafficmanager.net/teams/');
    expect(nudges.campaignSendRate).toBe(40);
  });

  it('reads every setting', () => {
    const { nudges } = loadProductionConfig({
      ...complete,
      NUDGE_SENDING_HOURS: '08-18 Mon,Tue,Thu',
      NUDGE_DEFAULT_TIME_ZONE: 'Europe/Paris',
      NUDGE_MAX_PER_PERIOD: '2',
      NUDGE_PERIOD_DAYS: '7',
      SNOOZE_CHOICES_DAYS: '2,1',
      SNOOZE_MAX_PER_SERIES: '1',
      CAMPAIGN_SEND_RATE: '20',
      TEAMS_APP_CATALOG_ID: '7571089b-c3ff-4c04-98a3-8751ae002d44',
      HELP_DESK_CONVERSATION_ID: '19:abc@thread.tacv2',
      NUDGE_TARGET: 'passkey',
    });
    expect(nudges).toEqual(
      expect.objectContaining({
        policy: {
          sendingHours: { startHour: 8, endHour: 18, weekdays: [1, 2, 4] },
          defaultTimeZone: 'Europe/Paris',
          cap: { maxNudges: 2, perDays: 7 },
          snooze: { choicesDays: [1, 2], maxPerSeries: 1 },
          target: 'passkey',
        },
        teamsAppCatalogId: '7571089b-c3ff-4c04-98a3-8751ae002d44',
        helpDeskConversationId: '19:abc@thread.tacv2',
        campaignSendRate: 20,
      }),
    );
  });

  it('names each malformed setting, all at once', () => {
    const text = problemsOf({
      ...complete,
      NUDGE_SENDING_HOURS: '17-09 Mon',
      NUDGE_DEFAULT_TIME_ZONE: 'Mars/Olympus',
      SNOOZE_CHOICES_DAYS: '0,400',
      TEAMS_APP_CATALOG_ID: 'mfa-coach',
      CAMPAIGN_SEND_RATE: '0',
    }).join('\n');
    for (const name of [
      'NUDGE_SENDING_HOURS',
      'NUDGE_DEFAULT_TIME_ZONE',
      'SNOOZE_CHOICES_DAYS',
      'TEAMS_APP_CATALOG_ID',
      'CAMPAIGN_SEND_RATE',
    ])
      expect(text).toContain(name);
  });

  it('keeps audit entries 365 days unless told otherwise, and refuses a retention that is not 1 to 3650 days', () => {
    expect(loadProductionConfig(complete).posture.auditRetentionDays).toBe(365);
    expect(loadProductionConfig({ ...complete, AUDIT_RETENTION_DAYS: '730' }).posture.auditRetentionDays).toBe(730);
    expect(
      loadDemoConfig({ AUDIT_RETENTION_DAYS: '90' }, { tenantId: TENANT, graphBaseUrl: 'http://127.0.0.1:9' }).posture.auditRetentionDays,
    ).toBe(90);
    for (const wrong of ['0', '3651', '1.5', 'forever'])
      expect(problemsOf({ ...complete, AUDIT_RETENTION_DAYS: wrong }).join('\n')).toContain('AUDIT_RETENTION_DAYS');
  });

  it('alerts on a fall of more than 5 points of strong MFA unless told otherwise, and refuses a setting that is not 0.1 to 100', () => {
    expect(loadProductionConfig(complete).posture.alertStrongDropPoints).toBe(5);
    expect(loadProductionConfig({ ...complete, ALERT_STRONG_DROP_POINTS: '2.5' }).posture.alertStrongDropPoints).toBe(2.5);
    for (const wrong of ['0', '101', 'lots'])
      expect(problemsOf({ ...complete, ALERT_STRONG_DROP_POINTS: wrong }).join('\n')).toContain('ALERT_STRONG_DROP_POINTS');
  });

  it('reads what nudges ask for, and refuses anything but authenticator, passkey or either without echoing it', () => {
    expect(loadProductionConfig({ ...complete, NUDGE_TARGET: 'either' }).nudges.policy.target).toBe('either');
    const text = problemsOf({ ...complete, NUDGE_TARGET: 'yubikey-secret' }).join('\n');
    expect(text).toContain('NUDGE_TARGET: must be authenticator, passkey or either.');
    expect(text).not.toContain('yubikey-secret');
  });

  it('lets the demo nudge at any hour unless told otherwise', () => {
    const demo = { tenantId: TENANT, graphBaseUrl: 'http://127.0.0.1:9', teamsAppCatalogId: '7571089b-c3ff-4c04-98a3-8751ae002d44' };
    expect(loadDemoConfig({}, demo).nudges.policy.sendingHours).toEqual({ startHour: 0, endHour: 24, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(loadDemoConfig({}, demo).nudges.teamsAppCatalogId).toBe(demo.teamsAppCatalogId);
    expect(loadDemoConfig({ NUDGE_SENDING_HOURS: '09:00-17:00 Mon-Fri' }, demo).nudges.policy.sendingHours.weekdays).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });
});

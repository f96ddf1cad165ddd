import { MicrosoftAppCredentials, PasswordServiceClientCredentialFactory, type ServiceClientCredentials } from 'botframework-connector';
import { activityFactory, startConnectorEmulator, type ConnectorEmulator } from '../../../emulators/connector';
import { loadProductionConfig } from '../../../src/app/config';
import { TEST_TENANT_ID, startTestApp, type TestApp } from '../../support/app-harness';
import { generateSigningKey, startLocalOpenIdProvider, type LocalOpenIdProvider } from '../../support/local-openid-provider';

const BOT_ID = '3c1f6a2b-7d4e-4f80-9a1b-2c3d4e5f6a7b';
const employee = { aadObjectId: '6f1c2d3e-0000-4000-8000-000000000042', name: 'Diego Siciliani' };

/** Replies go to the local connector with a placeholder token instead of signing in to Microsoft Entra. */
class LocalConnectorCredentials extends PasswordServiceClientCredentialFactory {
  constructor() {
    super(BOT_ID, 'not-a-real-secret');
  }
  override async createCredentials(): Promise<ServiceClientCredentials> {
    const credentials = new MicrosoftAppCredentials(BOT_ID, '');
    credentials.getToken = async () => 'local-connector-token';
    return credentials;
  }
}

describe('production mode checks every incoming token', () => {
  let channelKeys: LocalOpenIdProvider;
  let emulatorKeys: LocalOpenIdProvider;
  let connector: ConnectorEmulator;
  let harness: TestApp;
  let teams: ReturnType<typeof activityFactory>;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    channelKeys = await startLocalOpenIdProvider();
    emulatorKeys = await startLocalOpenIdProvider();
    connector = await startConnectorEmulator({ requireAuth: true });
    teams = activityFactory({ serviceUrl: connector.url, botId: BOT_ID, tenantId: TEST_TENANT_ID });
    harness = await startTestApp({
      database: 'pglite',
      configure: (demo) => ({
        ...loadProductionConfig({
          BOT_ID,
          SECRET_BOT_PASSWORD: 'not-a-real-secret',
          TENANT_ID: TEST_TENANT_ID,
          SECRET_GRAPH_CLIENT_SECRET: 'unused',
          ADMIN_GROUP_IDS: '99999999-0000-4000-8000-00000000ad01',
          DATA_DIR: demo.database.dataDir,
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'info',
          BOT_OPENID_METADATA_URL: channelKeys.metadataUrl,
          BOT_EMULATOR_OPENID_METADATA_URL: emulatorKeys.metadataUrl,
        }),
        database: demo.database,
      }),
      overrides: { botCredentialsFactory: new LocalConnectorCredentials() },
    });
  });

  afterAll(async () => {
    await harness?.stop();
    await connector?.close();
    await channelKeys?.close();
    await emulatorKeys?.close();
  });

  beforeEach(() => connector.clear());

  const helpMessage = () => teams.aMessage({ text: 'help', user: employee });
  const validClaims = () => ({
    iss: 'https://api.botframework.com',
    aud: BOT_ID,
    serviceurl: connector.url,
    nbf: now() - 60,
    exp: now() + 3600,
  });
  const send = (token?: string) => harness.post(helpMessage(), token ? { authorization: `Bearer ${token}` } : {});

  it('answers 401 to a request without a token, and runs no turn', async () => {
    const { status } = await send();
    expect(status).toBe(401);
    expect(connector.received()).toHaveLength(0);
  });

  it('answers 401 to a token signed by an unknown key', async () => {
    const stranger = generateSigningKey();
    const { status } = await send(channelKeys.sign(validClaims(), { key: stranger.privateKey, kid: 'unknown-key' }));
    expect(status).toBe(401);
    expect(connector.received()).toHaveLength(0);
  });

  it('refuses a token whose key id is known but whose signature is not', async () => {
    const stranger = generateSigningKey();
    const { status } = await send(channelKeys.sign(validClaims(), { key: stranger.privateKey }));
    // botbuilder lets this one through as a 500 rather than a 401; either way no turn runs.
    expect(status).toBeGreaterThanOrEqual(400);
    expect(connector.received()).toHaveLength(0);
  });

  it('answers 401 to a token for another audience', async () => {
    const { status } = await send(channelKeys.sign({ ...validClaims(), aud: 'b2c4e6f8-0000-4000-8000-00000000dead' }));
    expect(status).toBe(401);
    expect(connector.received()).toHaveLength(0);
  });

  it('answers 401 to a token issued for another service URL', async () => {
    const { status } = await send(channelKeys.sign({ ...validClaims(), serviceurl: 'https://elsewhere.example/' }));
    expect(status).toBe(401);
    expect(connector.received()).toHaveLength(0);
  });

  it('answers 401 to an expired token', async () => {
    const { status } = await send(channelKeys.sign({ ...validClaims(), nbf: now() - 7200, exp: now() - 3600 }));
    expect(status).toBe(401);
  });

  it('does not accept an emulator-shaped token signed with the channel key', async () => {
    const claims = {
      iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
      aud: BOT_ID,
      appid: BOT_ID,
      ver: '1.0',
      nbf: now() - 60,
      exp: now() + 3600,
    };
    const { status } = await send(channelKeys.sign(claims));
    expect(status).not.toBe(200);
    expect(connector.received()).toHaveLength(0);
  });

  it('answers 200 to a valid token, runs the turn and replies through the connector', async () => {
    const { status } = await send(channelKeys.sign(validClaims()));
    expect(status).toBe(200);
    const reply = await connector.waitFor((r) => r.operation !== undefined && r.status < 300, 2000);
    expect(reply.headers.authorization).toBe('Bearer');
    expect(JSON.stringify(connector.cards())).toContain('What MFA Coach can do');
  });
});

import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { tokenSourceFor } from '../../../../src/adapters/graph/graph-client';
import { graphEndpoints } from '../../../../src/adapters/graph/graph-clouds';

// The credentials would call Entra ID; stand-ins record what they were built with and which scope was asked for.
jest.mock('@azure/identity', () => {
  const actual = jest.requireActual('@azure/identity');
  const stand = () => jest.fn().mockImplementation(() => ({ getToken: jest.fn(async () => ({ token: 'tok', expiresOnTimestamp: 0 })) }));
  return {
    ...actual,
    ClientSecretCredential: stand(),
    ClientCertificateCredential: stand(),
    ManagedIdentityCredential: stand(),
  };
});

const TENANT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const CLIENT = '11111111-2222-3333-4444-555555555555';
const built = (credential: unknown) => jest.mocked(credential as jest.Mock).mock;

async function scopeAsked(credential: unknown): Promise<unknown> {
  const instance = built(credential).results.at(-1)?.value as { getToken: jest.Mock };
  return instance.getToken.mock.calls.at(-1)?.[0];
}

describe('tokenSourceFor', () => {
  beforeEach(() => jest.clearAllMocks());

  it("signs a secret credential in at the cloud's Entra host and asks for its Graph", async () => {
    const cloud = graphEndpoints('usgovdod');
    await expect(tokenSourceFor({ kind: 'secret', clientId: CLIENT, secret: 'not-a-secret' }, TENANT, cloud)()).resolves.toBe('tok');
    expect(built(ClientSecretCredential).calls[0]).toEqual([
      TENANT,
      CLIENT,
      'not-a-secret',
      { authorityHost: 'https://login.microsoftonline.us' },
    ]);
    expect(await scopeAsked(ClientSecretCredential)).toBe('https://dod-graph.microsoft.us/.default');
  });

  it('does the same for a certificate', async () => {
    const cloud = graphEndpoints('china');
    await tokenSourceFor({ kind: 'certificate', clientId: CLIENT, certificateFile: 'graph.pem' }, TENANT, cloud)();
    expect(built(ClientCertificateCredential).calls[0]?.[3]).toEqual({ authorityHost: 'https://login.chinacloudapi.cn' });
    expect(await scopeAsked(ClientCertificateCredential)).toBe('https://microsoftgraph.chinacloudapi.cn/.default');
  });

  it('gives managed identity no authority host, only the scope', async () => {
    await tokenSourceFor({ kind: 'managedIdentity', clientId: CLIENT }, TENANT, graphEndpoints('usgov'))();
    expect(built(ManagedIdentityCredential).calls[0]).toEqual([{ clientId: CLIENT }]);
    expect(await scopeAsked(ManagedIdentityCredential)).toBe('https://graph.microsoft.us/.default');
  });

  it("keeps the cloud's scope when GRAPH_BASE_URL points elsewhere", async () => {
    await tokenSourceFor({ kind: 'secret', clientId: CLIENT, secret: 'x' }, TENANT, graphEndpoints('public', 'http://127.0.0.1:4010'))();
    expect(await scopeAsked(ClientSecretCredential)).toBe('https://graph.microsoft.com/.default');
  });
});

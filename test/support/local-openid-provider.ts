import { createServer, type Server } from 'node:http';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework's OpenID metadata + signing keys, so production-mode token checks
 * can be exercised offline with tokens we sign ourselves.
 */
export interface LocalOpenIdProvider {
  metadataUrl: string;
  kid: string;
  sign(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

export function generateSigningKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = base64url(JSON.stringify(claims));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${signer.sign(key).toString('base64url')}`;
}

export async function startLocalOpenIdProvider(): Promise<LocalOpenIdProvider> {
  const { privateKey, publicKey } = generateSigningKey();
  // A fresh kid per provider: botbuilder caches keys per metadata URL for the whole process.
  const kid = `test-${randomUUID()}`;
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, kty: 'RSA', use: 'sig' };
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openidconfiguration') {
      res.end(
        JSON.stringify({
          issuer: 'https://api.botframework.com',
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    kid,
    sign: (claims, options = {}) => signJwt(claims, options.key ?? privateKey, options.kid ?? kid),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

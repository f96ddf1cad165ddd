/**
 * Access tokens for the Graph emulator. Graph reads an app's application permissions from its token's `roles`
 * claim; the emulator does the same, so a test or the demo grants exactly the permissions it names. The tokens are
 * unsigned (`alg: none`): the emulator only listens on loopback and checks what is granted, not who signed it.
 */
export interface EmulatorTokenClaims {
  /** Application permissions, e.g. ['User.Read.All', 'AuditLog.Read.All']. */
  roles: readonly string[];
  tenantId?: string;
  /** The app's client id (`appid`/`azp`). */
  appId?: string;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function emulatorAccessToken(claims: EmulatorTokenClaims): string {
  const header = { typ: 'JWT', alg: 'none' };
  const payload = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${claims.tenantId ?? '00000000-0000-0000-0000-000000000000'}/`,
    tid: claims.tenantId ?? '00000000-0000-0000-0000-000000000000',
    appid: claims.appId ?? '00000000-0000-0000-0000-00000000c0de',
    idtyp: 'app',
    roles: [...claims.roles],
  };
  return `${base64url(header)}.${base64url(payload)}.`;
}

/** The `roles` of a JWT, or undefined when the token is not one (Graph answers such a token 401). */
export function rolesOfToken(token: string): string[] | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as { roles?: unknown };
    if (payload === null || typeof payload !== 'object') return undefined;
    return Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return undefined;
  }
}

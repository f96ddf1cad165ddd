/**
 * The application permissions an access token carries: Entra ID writes the ones admin consent granted into the
 * `roles` claim of the JWT's payload (base64url JSON). Read here without checking the signature: this is only the
 * app reading its own token, to tell an operator what was granted; Graph checks it on every request anyway.
 * Undefined when the token is not a JWT (an opaque token: the permissions cannot be read from it). The token
 * itself never leaves this function: nothing of it is returned, logged or put in an error.
 */
export function rolesOfAccessToken(token: string): string[] | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    const roles = (payload as { roles?: unknown }).roles;
    return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return undefined;
  }
}

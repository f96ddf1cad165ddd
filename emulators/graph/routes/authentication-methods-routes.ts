import { BETA_ONLY_METHOD_TYPES, METHOD_TYPES, SYNCED_PASSKEY_AAGUIDS, type AuthenticationMethod, type DemoUser } from '../../demo-tenant';
import { notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { rejectUnknownOptions } from '../odata-query';

/**
 * `/users/{id}/authentication/*`: the live view of a user's methods, for the "I'm done" recheck. Graph counts
 * it against the identity reports service's limit (the `authenticationMethod` resource), hence 'reports'.
 */
const TYPED_COLLECTIONS: Readonly<Record<string, string>> = {
  microsoftAuthenticatorMethods: METHOD_TYPES.microsoftAuthenticator,
  phoneMethods: METHOD_TYPES.phone,
  fido2Methods: METHOD_TYPES.fido2,
  windowsHelloForBusinessMethods: METHOD_TYPES.windowsHelloForBusiness,
  softwareOathMethods: METHOD_TYPES.softwareOath,
  emailMethods: METHOD_TYPES.email,
  passwordMethods: METHOD_TYPES.password,
  platformCredentialMethods: METHOD_TYPES.platformCredential,
  temporaryAccessPassMethods: METHOD_TYPES.temporaryAccessPass,
  externalAuthenticationMethods: METHOD_TYPES.external,
};

export const authenticationMethodsRoutes: GraphRoute[] = [
  route('GET', '/users/{id}/authentication/methods', 'reports', (req, [id], ctx) => listMethods(req, id as string, 'methods', null, ctx)),
  route('GET', '/users/{id}/authentication/methods/{methodId}', 'reports', (req, [id, methodId], ctx) =>
    getMethod(req, id as string, 'methods', null, methodId as string, ctx),
  ),
  ...Object.entries(TYPED_COLLECTIONS).flatMap(([collection, type]) => [
    route('GET', `/users/{id}/authentication/${collection}`, 'reports', (req, [id], ctx) =>
      listMethods(req, id as string, collection, type, ctx),
    ),
    route('GET', `/users/{id}/authentication/${collection}/{methodId}`, 'reports', (req, [id, methodId], ctx) =>
      getMethod(req, id as string, collection, type, methodId as string, ctx),
    ),
  ]),
  // Single-valued: a user has at most one QR code PIN method; without one Graph answers 404.
  route('GET', '/users/{id}/authentication/qrCodePinMethod', 'reports', (req, [id], ctx) => {
    rejectUnknownOptions(req, []);
    const method = v1Methods(owner(id as string, ctx), ctx).find((m) => m['@odata.type'] === METHOD_TYPES.qrCodePin);
    if (!method) throw notFound('qrCodePinMethod');
    return ok({
      '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id as string)}')/authentication/qrCodePinMethod/$entity`,
      ...render(method, METHOD_TYPES.qrCodePin),
    });
  }),
];

/**
 * The user's methods as v1.0 lists them: "only methods supported on this API version", so beta-only types
 * (hardware OATH tokens) are left out here while the registration report still names them.
 */
function v1Methods(user: DemoUser, ctx: RouteContext): AuthenticationMethod[] {
  return ctx.state.methodsOf(user).filter((m) => !BETA_ONLY_METHOD_TYPES.has(m['@odata.type']));
}

function listMethods(req: GraphRequest, id: string, collection: string, type: string | null, ctx: RouteContext) {
  // The docs: "This method doesn't support optional query parameters to customize the response."
  rejectUnknownOptions(req, []);
  const user = owner(id, ctx);
  const methods = v1Methods(user, ctx).filter((m) => type === null || m['@odata.type'] === type);
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id)}')/authentication/${collection}`,
    value: methods.map((m) => render(m, type)),
  });
}

function getMethod(req: GraphRequest, id: string, collection: string, type: string | null, methodId: string, ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = owner(id, ctx);
  const method = v1Methods(user, ctx).find((m) => m.id === methodId && (type === null || m['@odata.type'] === type));
  if (!method) throw notFound(methodId);
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id)}')/authentication/${collection}/$entity`,
    ...render(method, type),
  });
}

/**
 * A typed collection's items carry no @odata.type (the collection says it); the mixed /methods list does.
 * fido2AuthenticationMethod gets v1.0's `passkeyType` (deviceBound or synced) from its AAGUID when the stored
 * method does not say, so generated tenants need not carry it.
 */
function render(method: AuthenticationMethod, type: string | null): Record<string, unknown> {
  const full: Record<string, unknown> =
    method['@odata.type'] === METHOD_TYPES.fido2
      ? { ...method, passkeyType: method.passkeyType ?? (SYNCED_PASSKEY_AAGUIDS.has(method.aaGuid) ? 'synced' : 'deviceBound') }
      : { ...method };
  if (type !== null) delete full['@odata.type'];
  return full;
}

function owner(id: string, ctx: RouteContext): DemoUser {
  const user = ctx.state.findUser(id);
  if (!user) throw notFound(id);
  return user;
}

import { METHOD_TYPES, type AuthenticationMethod, type DemoUser } from '../../demo-tenant';
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
];

function listMethods(req: GraphRequest, id: string, collection: string, type: string | null, ctx: RouteContext) {
  // The docs: "This method doesn't support optional query parameters to customize the response."
  rejectUnknownOptions(req, []);
  const user = owner(id, ctx);
  const methods = ctx.state.methodsOf(user).filter((m) => type === null || m['@odata.type'] === type);
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id)}')/authentication/${collection}`,
    value: methods.map((m) => render(m, type)),
  });
}

function getMethod(req: GraphRequest, id: string, collection: string, type: string | null, methodId: string, ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = owner(id, ctx);
  const method = ctx.state.methodsOf(user).find((m) => m.id === methodId && (type === null || m['@odata.type'] === type));
  if (!method) throw notFound(methodId);
  return ok({
    '@odata.context': `${ctx.metadata}#users('${encodeURIComponent(id)}')/authentication/${collection}/$entity`,
    ...render(method, type),
  });
}

/** A typed collection's items carry no @odata.type (the collection says it); the mixed /methods list does. */
function render(method: AuthenticationMethod, type: string | null): Record<string, unknown> {
  if (type === null) return { ...method };
  const { '@odata.type': _type, ...rest } = method;
  return rest;
}

function owner(id: string, ctx: RouteContext): DemoUser {
  const user = ctx.state.findUser(id);
  if (!user) throw notFound(id);
  return user;
}

/** How MFA Coach signs in to Microsoft Graph; `static` is the demo's and the tests' placeholder token. */
export type GraphCredential =
  | { kind: 'static'; token: string }
  | { kind: 'secret'; clientId: string; secret: string }
  | { kind: 'certificate'; clientId: string; certificateFile: string }
  | { kind: 'managedIdentity'; clientId?: string };

/**
 * What the bot can do, as the people who use it would describe it. The help card and the Teams
 * command menu are built from this list, so adding a command here is how it becomes discoverable.
 */
export type Audience = 'everyone' | 'admin';

export interface Capability {
  /** The word the bot parses, without a leading slash. */
  readonly command: string;
  /** How to type it, e.g. `help` or `posture <department>`. */
  readonly usage: string;
  readonly description: string;
  readonly audience: Audience;
}

export const CAPABILITIES: readonly Capability[] = [
  { command: 'help', usage: 'help', description: 'Shows what I can do. Works with or without a leading slash.', audience: 'everyone' },
  { command: 'posture', usage: 'posture [by department | <department>]', description: 'MFA posture of the tenant, ranked by department, or of one department.', audience: 'admin' },
  { command: 'unenrolled', usage: 'unenrolled [department]', description: 'People with no MFA method (sent privately).', audience: 'admin' },
  { command: 'weak', usage: 'weak [department]', description: 'People with only text message, voice or email (sent privately).', audience: 'admin' },
  { command: 'user', usage: 'user <name or UPN>', description: "One person's MFA methods, checked live (sent privately).", audience: 'admin' },
  { command: 'trend', usage: 'trend [days]', description: 'Share of people with strong MFA over time.', audience: 'admin' },
  { command: 'scan', usage: 'scan', description: "Reads everyone's MFA registration now.", audience: 'admin' },
  { command: 'audit', usage: 'audit', description: 'The latest admin commands.', audience: 'admin' },
];

export const PURPOSE =
  'I help everyone in your organisation set up strong multi-factor authentication (MFA), ' +
  'such as the Microsoft Authenticator app or a passkey, and keep it that way.';

export function capabilitiesFor(isAdmin: boolean): Capability[] {
  return CAPABILITIES.filter((c) => c.audience === 'everyone' || isAdmin);
}

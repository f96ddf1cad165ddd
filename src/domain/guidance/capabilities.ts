import { ADMIN_COMMANDS } from '../admin/admin-command';
import { DOCTOR_COMMAND } from '../admin/doctor-command';
import { POLICY_COMMAND } from '../admin/policy-command';
import { SMTP_COMMAND } from '../admin/smtp-command';
import { CAMPAIGN_USAGE } from '../campaigns/campaign-command';

/**
 * What the bot can do, as the people who use it would describe it. The help card is built from this
 * list, and a test keeps the Teams command menu (appPackage/manifest.json) to commands listed here.
 */
export type Audience = 'everyone' | 'admin' | 'campaigns';

export interface Capability {
  /** The word the bot parses, without a leading slash; none for what is asked in free text. */
  readonly command?: string;
  /** How to type it, e.g. `help` or `posture <department>`. */
  readonly usage: string;
  readonly description: string;
  readonly audience: Audience;
}

export const CAPABILITIES: readonly Capability[] = [
  { command: 'help', usage: 'help', description: 'Shows what I can do. Works with or without a leading slash.', audience: 'everyone' },
  {
    command: 'status',
    usage: 'status',
    description: 'Am I set up? Your own MFA methods, checked live, and the one next step. Also "am I set up?" or "my mfa".',
    audience: 'everyone',
  },
  {
    usage: 'any question',
    description:
      'Ask about MFA, or about sending mail through Office 365 SMTP with OAuth, in your own words ("I lost my phone", "which port for SMTP with OAuth?"). ' +
      "I answer from our knowledge base with its sources, or say when I don't know.",
    audience: 'everyone',
  },
  // Admin commands are described once, where they are parsed.
  ...Object.values(ADMIN_COMMANDS).map((c) => ({
    command: c.name,
    usage: c.syntax,
    description: c.description,
    audience: 'admin' as const,
  })),
  { command: DOCTOR_COMMAND.word, usage: DOCTOR_COMMAND.syntax, description: DOCTOR_COMMAND.description, audience: 'admin' },
  { command: POLICY_COMMAND.word, usage: POLICY_COMMAND.syntax, description: POLICY_COMMAND.description, audience: 'admin' },
  { command: SMTP_COMMAND.word, usage: SMTP_COMMAND.syntax, description: SMTP_COMMAND.description, audience: 'admin' },
  // Campaign managers run them; admins may look.
  ...Object.entries(CAMPAIGN_USAGE).map(([command, c]) => ({
    command,
    usage: c.syntax,
    description: c.description,
    audience: 'campaigns' as const,
  })),
];

export const PURPOSE =
  'I help everyone in your organisation set up strong multi-factor authentication (MFA), ' +
  'such as the Microsoft Authenticator app or a passkey, and keep it that way.';

export function capabilitiesFor(roles: { admin: boolean; campaignManager: boolean }): Capability[] {
  return CAPABILITIES.filter(
    (c) =>
      c.audience === 'everyone' ||
      (c.audience === 'admin' && roles.admin) ||
      (c.audience === 'campaigns' && (roles.admin || roles.campaignManager)),
  );
}

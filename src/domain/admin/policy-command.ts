/**
 * `policy`: an admin's view of the tenant's own sign-in policies (who Conditional Access or security defaults make
 * use MFA, and Entra's registration campaign). Its own command beside the posture ones (admin-command.ts), as it
 * reads Microsoft Entra's settings live, not the scans. The command only reads; policy admins change the
 * registration campaign from its card (change-registration-campaign.ts).
 */
export const POLICY_COMMAND = {
  word: 'policy',
  syntax: 'policy',
  description:
    "Who the tenant's Conditional Access or security defaults require to use MFA, and who they leave out; Entra's registration campaign and how it and MFA Coach work together (sent to you privately).",
  examples: ['policy'],
} as const;

export type ParsedPolicyCommand = { ok: true } | { ok: false; problem: string };

/** `args`: what followed the word, as typed. */
export function parsePolicyCommand(args: readonly string[]): ParsedPolicyCommand {
  return args.join(' ').trim() === '' ? { ok: true } : { ok: false, problem: '"policy" takes nothing after it.' };
}

/**
 * `doctor`: an admin's check of whether MFA Coach can work in this tenant. Its own command beside the posture ones
 * (admin-command.ts), since it reads the bot's own set-up (Graph permissions, database, jobs), not the scans.
 */
export const DOCTOR_COMMAND = {
  word: 'doctor',
  syntax: 'doctor',
  description:
    'Whether MFA Coach can work in this tenant: Graph permissions and calls, database, jobs, clock; and what to do about anything missing (sent to you privately).',
  examples: ['doctor'],
} as const;

export type ParsedDoctorCommand = { ok: true } | { ok: false; problem: string };

/** `args`: what followed the word, as typed. */
export function parseDoctorCommand(args: readonly string[]): ParsedDoctorCommand {
  return args.join(' ').trim() === '' ? { ok: true } : { ok: false, problem: '"doctor" takes nothing after it.' };
}

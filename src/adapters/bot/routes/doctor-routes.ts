import type { Activity, TurnContext } from 'botbuilder';
import { DOCTOR_COMMAND, parseDoctorCommand } from '../../../domain/admin/doctor-command';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment } from '../cards/card-template';
import { doctorCard } from '../cards/doctor-card';
import { parseCommandText } from '../command-text';
import { admitAdmin, answerAdmin } from './admin-routes';
import { isCommandWord, usageCardFor } from './typed-command';

/** "doctor", "/Doctor": whether MFA Coach can work in this tenant. Admins only, as the posture commands. */
export function isDoctorCommand(activity: Partial<Activity>): boolean {
  return isCommandWord(activity, (name) => name === DOCTOR_COMMAND.word);
}

/**
 * Admitted, audited and delivered as every admin command is; asked in a channel, the report goes to the admin's
 * personal chat, as it tells what the tenant's set-up lacks. A run already in progress (the one at start-up) is
 * shared, so pressing it twice does not double Graph's requests.
 */
export async function replyToDoctor(context: TurnContext, deps: BotDependencies): Promise<void> {
  if (!(await admitAdmin(context, deps, DOCTOR_COMMAND.word))) return;
  const parsed = parseDoctorCommand(parseCommandText(context.activity.text)?.args ?? []);
  if (!parsed.ok) {
    await context.sendActivity({ attachments: [asAttachment(usageCardFor(context, deps, DOCTOR_COMMAND, parsed.problem))] });
    return;
  }
  // The checks take a second or two, up to ten when Graph is slow: the admin sees the bot is at it meanwhile.
  await context.sendActivity({ type: 'typing' });
  await answerAdmin(context, deps, DOCTOR_COMMAND.word, async () => ({
    privacy: 'private',
    kind: 'doctor',
    card: doctorCard(await deps.admin.doctor.run()),
  }));
}

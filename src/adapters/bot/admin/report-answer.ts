import type { PostureReportStore } from '../../../domain/ports/posture-report-store';
import { nextDueTime, reportScheduleText } from '../../../domain/reports/posture-report';
import type { ReportCommand } from '../../../domain/reports/report-command';
import { scheduleReport } from '../../../use-cases/post-posture-reports';
import { utcDateTimeText } from '../cards/freshness-line';

/** Where `report` was typed: the conversation its report goes to, and the admin's own time zone as Teams told it. */
export interface ReportsHere {
  store: PostureReportStore;
  conversationId: string;
  /** The conversation's reference for posting into it later, opaque here. */
  reference: unknown;
  where: 'personal' | 'channel' | 'groupChat';
  /** The admin's Teams time zone (IANA), when their client said. */
  timeZone?: string;
}

const PLACE: Record<ReportsHere['where'], string> = { personal: 'in our chat', channel: 'in this channel', groupChat: 'in this chat' };

/** `report weekly …`, `report off`, `report`: what was set up, stopped or found here, in a sentence. */
export async function reportAnswer(
  here: ReportsHere | undefined,
  command: ReportCommand,
  actorId: string,
  now: () => Date,
): Promise<string> {
  if (!here) return 'Weekly reports are not available in this installation.';
  const place = PLACE[here.where];
  switch (command.action) {
    case 'off':
      return (await here.store.remove(here.conversationId))
        ? `Stopped: no more weekly MFA reports ${place}.`
        : `There is no weekly MFA report ${place}, so nothing changed.`;
    case 'show': {
      const report = await here.store.find(here.conversationId);
      return report
        ? `${capitalised(place)}, the MFA posture summary is posted ${reportScheduleText(report)}; the next on ${utcDateTimeText(nextDueTime(report, now()))}. Say **report off** to stop it.`
        : `No weekly MFA report is posted ${place}. Say **report weekly** to have the posture summary here each Monday at 09:00, or choose the day, time and time zone.`;
    }
    case 'weekly': {
      const result = await scheduleReport(
        { reports: here.store, now },
        {
          conversationId: here.conversationId,
          reference: here.reference,
          weekday: command.weekday,
          time: command.time,
          timeZone: command.timeZone ?? here.timeZone ?? 'UTC',
          createdBy: actorId,
        },
      );
      if (result.kind === 'invalid') return result.problem;
      return `Done: ${place}, I'll post the MFA posture summary ${reportScheduleText(result.schedule)}, starting ${utcDateTimeText(result.firstAt)}. Say **report off** to stop it.`;
    }
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

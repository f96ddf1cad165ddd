import type { Activity, CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { StoredPostureReport } from '../../domain/ports/posture-report-store';
import { reportScheduleText } from '../../domain/reports/posture-report';
import type { ReportPostOutcome } from '../../use-cases/post-posture-reports';
import { asAttachment, type AdaptiveCard } from './cards/card-template';
import { neverReachedConnector } from './connector-call-policy';
import { sendProactively } from './proactive-send';

/**
 * One week's report posted into its conversation: the summary card under a line that says what it is and how to
 * stop it. The Connector's answer decides what follows (see ReportPostOutcome): 403 and 404 mean the bot is no
 * longer there; a refusal that delivered nothing (429, 408, 412, never reached) is tried again; anything else may
 * have been delivered and is not.
 */
export async function postPostureReport(
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
  botAppId: string,
  report: StoredPostureReport,
  answer: { card?: AdaptiveCard; text?: string },
): Promise<ReportPostOutcome> {
  const intro = `**Weekly MFA report**, ${reportScheduleText(report)}. Say **report off** here to stop it.`;
  const activity: Partial<Activity> = answer.card
    ? { type: 'message', text: intro, attachments: [asAttachment(answer.card)] }
    : { type: 'message', text: `${intro}\n\n${answer.text ?? ''}` };
  try {
    await sendProactively(adapter, botAppId, report.reference as Partial<ConversationReference>, activity);
    return 'posted';
  } catch (error) {
    const { statusCode } = (error ?? {}) as { statusCode?: number };
    if (statusCode === 403 || statusCode === 404) return 'gone';
    if (statusCode === 429 || statusCode === 408 || statusCode === 412) return 'retry';
    if (!statusCode && neverReachedConnector(error)) return 'retry';
    return 'uncertain';
  }
}

/**
 * Where a report typed in this conversation goes: a channel's reference points at the thread the command was typed
 * in ("…;messageid=…"); the report is a new post in the channel, so the thread's part is dropped.
 */
export function reportReferenceOf(reference: Partial<ConversationReference>): {
  conversationId: string;
  reference: Partial<ConversationReference>;
} {
  const conversationId = (reference.conversation?.id ?? '').split(';messageid=')[0]!;
  return { conversationId, reference: { ...reference, conversation: { ...reference.conversation!, id: conversationId } } };
}

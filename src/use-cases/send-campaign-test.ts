import { isSmtpAudience, type CampaignAudience } from '../domain/campaigns/campaign-audience';
import { parseCampaignPlan, type CampaignForm } from '../domain/campaigns/campaign-plan';
import type { MethodKind } from '../domain/mfa/method-kind';
import type { ClassificationPolicy } from '../domain/mfa/mfa-strength';
import { nudgeCardFor } from '../domain/nudges/nudge-card';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import { DEFAULT_NUDGE_TARGET } from '../domain/nudges/nudge-target';
import { endOfDay, resolveTimeZone } from '../domain/nudges/time-zone';
import type { DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';
import type { SendGate } from '../domain/ports/send-gate';
import { postInPersonalChat, type PersonalChatDeps } from './reach-personal-chat';

export interface CampaignTestDeps extends PersonalChatDeps {
  messenger: Pick<NudgeMessenger, 'openPersonalChat' | 'send'>;
  classification: ClassificationPolicy;
  nudges: Pick<NudgePolicy, 'snooze' | 'target' | 'defaultTimeZone'>;
  now: () => Date;
  /** The instance's send budget, which this card waits its turn in like any other (Teams' rate is per bot). */
  gate?: SendGate;
}

/** The nudge id a test copy carries: no nudge has it, so its buttons act on no one's series. */
export const CAMPAIGN_TEST_NUDGE_ID = 'campaign-test';

export type CampaignTestResult =
  | { kind: 'invalid'; problems: string[] }
  /** Owners of password senders get the owner's card, which `smtp nudge` shows on a real account: no test copy. */
  | { kind: 'ownersCard' }
  | { kind: 'sent' }
  | Exclude<DeliveryOutcome, { kind: 'sent' }>;

/**
 * The methods a test copy is written for: those of someone the campaign reaches, so that the manager reads the
 * words that person will (no MFA at all, or a phone only: what the retirement of SMS and voice means for them).
 */
const SAMPLE_METHODS: Record<CampaignAudience['gaps'], MethodKind[]> = {
  none: [],
  both: [],
  missingTarget: [],
  weak: ['sms', 'voice'],
  phoneOnly: ['sms', 'voice'],
  smtpPassword: [],
};

/**
 * "Send me a test" on the campaign form: the nudge card the campaign would send, as one of its people would get it
 * (what it asks for, its deadline), to its author alone, marked as a test. Nothing is created or recorded: no
 * campaign, no nudge, no frequency cap spent; the author's own MFA does not matter.
 */
export async function sendCampaignTest(
  deps: CampaignTestDeps,
  form: CampaignForm,
  author: { id: string; name: string },
): Promise<CampaignTestResult> {
  const parsed = parseCampaignPlan(form, deps.now(), deps.nudges.target);
  if ('problems' in parsed) return { kind: 'invalid', problems: parsed.problems };
  const { plan } = parsed;
  if (isSmtpAudience(plan.audience)) return { kind: 'ownersCard' };
  const zone = resolveTimeZone(plan.schedule.timeZone, deps.nudges.defaultTimeZone);
  const card = nudgeCardFor(
    {
      id: CAMPAIGN_TEST_NUDGE_ID,
      greetingName: author.name.trim().split(/\s+/)[0] || author.name,
      deadline: plan.deadline ? endOfDay(plan.deadline, zone) : undefined,
    },
    { snoozesUsed: 0 },
    SAMPLE_METHODS[plan.audience.gaps],
    { classification: deps.classification, snooze: deps.nudges.snooze, now: deps.now(), target: plan.target ?? DEFAULT_NUDGE_TARGET },
    { kind: 'campaignTest', campaignName: plan.name },
  );
  const outcome = await postInPersonalChat(deps, author.id, deps.gate, (reference) => deps.messenger.send(reference, card));
  return outcome.kind === 'sent' ? { kind: 'sent' } : outcome;
}

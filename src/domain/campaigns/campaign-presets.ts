import { utcDayBefore } from '../calendar-days';
import type { CampaignForm } from './campaign-plan';
import { SMS_VOICE_RETIREMENT, smsVoiceCountdown } from '../mfa/sms-voice-retirement';

/**
 * Ready-made campaigns the form can start from: the manager sees every field filled and can change any before
 * creating it. Offered only while they make sense (the SMS and voice preset until the day before the date).
 */
export type CampaignPresetKey = 'beforeSmsVoiceStop';

export interface CampaignPreset {
  key: CampaignPresetKey;
  /** The button's words. */
  title: string;
  values: CampaignForm;
}

/** The presets offered at `now`, in the order the form shows them. */
export function campaignPresets(now: Date): CampaignPreset[] {
  const preset = beforeSmsVoiceStop(now);
  return preset ? [preset] : [];
}

/**
 * People whose only second factor is a phone, reminded twice a week until the day before SMS and voice stop, and
 * asked to be done by then: after it they must register another method at their next sign-in, with no way to skip.
 * From the day before on there is no time left for a campaign, so it is not offered.
 */
function beforeSmsVoiceStop(now: Date): CampaignPreset | undefined {
  const { phase, days } = smsVoiceCountdown(now);
  if (phase !== 'before' || days < 2) return undefined;
  const lastDay = utcDayBefore(SMS_VOICE_RETIREMENT.stopsOn);
  return {
    key: 'beforeSmsVoiceStop',
    title: 'Before SMS and voice stop',
    values: {
      name: 'Before SMS and voice stop',
      gaps: 'phoneOnly',
      scope: 'all',
      // Tuesdays and Thursdays at 10:00 from today, the last run the day before the date; in the last week, once now.
      ...(days >= 7
        ? { scheduleKind: 'recurring', weekdays: '2,4', date: now.toISOString().slice(0, 10), time: '10:00', endDate: lastDay }
        : { scheduleKind: 'now' }),
      deadline: lastDay,
      maxNudges: '4',
      escalateAfter: '2',
    },
  };
}

import { utcDayBefore } from '../calendar-days';
import type { CampaignForm } from './campaign-plan';
import { SMS_VOICE_RETIREMENT, smsVoiceCountdown } from '../mfa/sms-voice-retirement';
import { SMTP_BASIC_AUTH_RETIREMENT, smtpBasicAuthCountdown } from '../smtp/smtp-basic-auth-retirement';

/**
 * Ready-made campaigns the form can start from: the manager sees every field filled and can change any before
 * creating it. Offered only while they make sense (the SMS and voice preset until the day before the date).
 */
export const CAMPAIGN_PRESET_KEYS = ['beforeSmsVoiceStop', 'offSmtpPassword'] as const;
export type CampaignPresetKey = (typeof CAMPAIGN_PRESET_KEYS)[number];

export interface CampaignPreset {
  key: CampaignPresetKey;
  /** The button's words. */
  title: string;
  values: CampaignForm;
}

/** The presets offered at `now`, in the order the form shows them. */
export function campaignPresets(now: Date): CampaignPreset[] {
  const sms = beforeSmsVoiceStop(now);
  return [...(sms ? [sms] : []), offSmtpPassword(now)];
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

/**
 * The owners of accounts that sent mail with a password in the last 30 days, told once a week (Tuesdays at 10:00) how
 * to move them off it: until the day before SMTP AUTH with a password is switched off by default, and for four weeks
 * at a time after it (admins may switch it back on, and Microsoft will announce the final date in the second half of
 * 2027: what still sends then breaks). No deadline and no managers told: the owner's card gives the dates itself.
 */
function offSmtpPassword(now: Date): CampaignPreset {
  const { phase, days } = smtpBasicAuthCountdown(now);
  const today = now.toISOString().slice(0, 10);
  const fourWeeks = new Date(now.getTime() + 28 * 86_400_000).toISOString().slice(0, 10);
  const schedule =
    phase !== 'after' && days < 7
      ? { scheduleKind: 'now' }
      : {
          scheduleKind: 'recurring',
          weekdays: '2',
          date: today,
          time: '10:00',
          endDate: phase === 'after' ? fourWeeks : utcDayBefore(SMTP_BASIC_AUTH_RETIREMENT.disabledByDefaultOn),
        };
  return {
    key: 'offSmtpPassword',
    title: 'Off the SMTP password',
    values: {
      name: 'Off the SMTP password',
      gaps: 'smtpPassword',
      scope: 'all',
      ...schedule,
      deadline: '',
      maxNudges: '3',
      escalateAfter: '0',
    },
  };
}

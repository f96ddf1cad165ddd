import type { CampaignSchedule } from '../../../src/domain/campaigns/campaign-schedule';

/** A run every weekday at 10:00 UTC, from `startDate` to `endDate`. */
export function weekdaysAtTen(startDate: string, endDate: string): CampaignSchedule {
  return { kind: 'recurring', weekdays: [1, 2, 3, 4, 5], time: '10:00', timeZone: 'UTC', startDate, endDate };
}

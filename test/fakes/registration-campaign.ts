import type { RegistrationCampaign } from '../../src/domain/policy/registration-campaign';

/** Entra's registration campaign as the demo tenant has it: Microsoft managed, all users, Authenticator, snooze 1 day. */
export const MICROSOFT_MANAGED_CAMPAIGN: RegistrationCampaign = {
  state: 'microsoftManaged',
  snoozeDays: 1,
  limitedSnoozes: null,
  includes: [{ kind: 'allUsers', id: 'all_users', method: 'microsoftAuthenticator' }],
  excludes: [],
  unknowns: [],
};

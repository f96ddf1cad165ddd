import { initial } from './001_initial';
import { posture } from './002_posture';
import { pendingExports } from './003_exports';
import { usersPerScan } from './004_users_per_scan';
import { nudges } from './005_nudges';
import { campaigns } from './006_campaigns';
import { campaignNumbers } from './007_campaign_numbers';
import { campaignEscalations } from './008_campaign_escalations';
import { givenNames } from './009_given_names';
import { nudgeCampaignDelivery } from './010_nudge_campaign_delivery';
import { sendRateSenders } from './011_send_rate_senders';
import { nudgeSendMarks } from './012_nudge_send_marks';
import { campaignProblems } from './013_campaign_problems';
import { nudgeByCampaignDelivery } from './014_nudge_by_campaign_delivery';
import { phoneTypes } from './015_phone_types';
import { nudgeTargets } from './016_nudge_targets';
import { smtpSenders } from './017_smtp_senders';
import { smtpOwnerNudges } from './018_smtp_owner_nudges';
import { smtpCampaigns } from './019_smtp_campaigns';
import { auditSubjects } from './020_audit_subjects';
import { auditAppendOnly } from './021_audit_append_only';
import { postureReports } from './022_posture_reports';
import { postureAlerts } from './023_posture_alerts';
import { strongTarget } from './024_strong_target';
import { noTurnState } from './025_no_turn_state';
import { streamedExports } from './026_streamed_exports';
import { runAudienceAdded } from './027_run_audience_added';
import { deliveriesDueInOrder } from './028_deliveries_due_in_order';
import { campaignFunnelTallies } from './029_campaign_funnel_tallies';
import { streamedCampaignExports } from './030_streamed_campaign_exports';
import type { Migration } from './migration';

/** Every migration, in order. A new migration file is added here too. */
export const allMigrations: readonly Migration[] = [
  initial,
  posture,
  pendingExports,
  usersPerScan,
  nudges,
  campaigns,
  campaignNumbers,
  campaignEscalations,
  givenNames,
  nudgeCampaignDelivery,
  sendRateSenders,
  nudgeSendMarks,
  campaignProblems,
  nudgeByCampaignDelivery,
  phoneTypes,
  nudgeTargets,
  smtpSenders,
  smtpOwnerNudges,
  smtpCampaigns,
  auditSubjects,
  auditAppendOnly,
  postureReports,
  postureAlerts,
  strongTarget,
  noTurnState,
  streamedExports,
  runAudienceAdded,
  deliveriesDueInOrder,
  campaignFunnelTallies,
  streamedCampaignExports,
];

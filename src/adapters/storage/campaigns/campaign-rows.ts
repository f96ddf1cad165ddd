import type { Campaign, CampaignPlan, CampaignStatus } from '../../../domain/campaigns/campaign';
import type { CampaignDelivery, CampaignRun, DeliveryStatus } from '../../../domain/campaigns/campaign-run';

/** The campaign tables' rows as the database answers them, and what the product makes of them. */
export interface CampaignRow {
  id: string;
  number: number;
  name: string;
  owner_id: string;
  owner_name: string;
  plan: CampaignPlan;
  status: CampaignStatus;
  created_at: Date | string;
  problem: string | null;
  problem_at: Date | string | null;
}

export interface RunRow {
  id: string;
  campaign_id: string;
  scheduled_for: Date | string;
  started_at: Date | string;
  finished_at: Date | string | null;
  audience_added_at: Date | string | null;
  status: CampaignRun['status'];
  targeted: number;
}

export interface DeliveryRow {
  id: string | number;
  run_id: string;
  campaign_id: string;
  user_id: string;
  due_at: Date | string;
  status: DeliveryStatus;
  attempts: number;
  reason: string | null;
  nudge_id: string | null;
}

export function toCampaign(row: CampaignRow): Campaign {
  return {
    ...row.plan,
    id: row.id,
    number: row.number,
    name: row.name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    status: row.status,
    createdAt: new Date(row.created_at),
    ...(row.problem ? { problem: { text: row.problem, at: new Date(row.problem_at ?? row.created_at) } } : {}),
  };
}

export function toRun(row: RunRow): CampaignRun {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    scheduledFor: new Date(row.scheduled_for),
    startedAt: new Date(row.started_at),
    ...(row.finished_at ? { finishedAt: new Date(row.finished_at) } : {}),
    ...(row.audience_added_at ? { audienceAddedAt: new Date(row.audience_added_at) } : {}),
    status: row.status,
    targeted: row.targeted,
  };
}

export function toDelivery(row: DeliveryRow): CampaignDelivery {
  return {
    id: String(row.id),
    runId: row.run_id,
    campaignId: row.campaign_id,
    userId: row.user_id,
    dueAt: new Date(row.due_at),
    status: row.status,
    attempts: row.attempts,
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.nudge_id ? { nudgeId: row.nudge_id } : {}),
  };
}

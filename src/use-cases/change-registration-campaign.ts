import type { AuditEntry } from '../domain/ports/audit-log';
import { blockerForAudit, type CampaignChangeAccess, type CampaignChangeBlocker } from '../domain/policy/campaign-change-access';
import {
  ALREADY_SO,
  checkCampaignChange,
  NOTHING_TO_CHANGE,
  type CampaignChange,
  type CampaignChangeRequest,
} from '../domain/policy/campaign-change';
import {
  CAMPAIGN_CHANGE_ACTION,
  campaignChangeAction,
  campaignChangeLines,
  campaignChangeWarnings,
} from '../domain/policy/campaign-change-summary';
import type { RegistrationCampaign } from '../domain/policy/registration-campaign';
import type { PolicyReadFailure, PolicyWriteFailure, RegistrationCampaignChanges, TenantPolicies } from '../domain/ports/tenant-policies';
import type { AdminDecision } from './authorize-admin';

export interface CampaignChangeDeps {
  policies: Pick<TenantPolicies, 'registrationCampaign'> & RegistrationCampaignChanges;
  /** The policy-admin group(s)' membership check (the admins' check, on other groups); absent when none is configured. */
  policyAdmins?: { decide(userId: string | undefined): Promise<AdminDecision> };
}

/** Who asks, and how to audit it: the caller knows where the request came from, this use case what happened. */
export interface CampaignChangeActor {
  /** The sender of the request, as the channel authenticated it: never anything a card's data says. */
  id: string | undefined;
  audit(action: string, outcome: AuditEntry['outcome']): Promise<void>;
}

/** A change as it would be made: from → to lines and what to know first, or why it cannot be made. */
export type CampaignChangePlan =
  | { kind: 'planned'; change: CampaignChange; before: RegistrationCampaign; lines: string[]; warnings: string[] }
  | { kind: 'readOnly'; blockers: readonly CampaignChangeBlocker[] }
  | { kind: 'invalid'; refusals: readonly string[] }
  | { kind: 'notRead'; failure: PolicyReadFailure };

export type CampaignChangeOutcome =
  | Exclude<CampaignChangePlan, { kind: 'planned' }>
  | { kind: 'changed'; lines: string[]; after: RegistrationCampaign }
  | { kind: 'failed'; lines: string[]; failure: PolicyWriteFailure };

/**
 * Whether this person may change the campaign now: a member of a policy-admin group, and MFA Coach holding the
 * write permission. With no policy-admin group configured nobody may, and nothing is asked of Graph.
 */
export async function campaignChangeAccess(deps: CampaignChangeDeps, actorId: string | undefined): Promise<CampaignChangeAccess> {
  if (!deps.policyAdmins) return { may: false, blockers: [{ kind: 'noPolicyAdmins' }] };
  const [decision, write] = await Promise.all([deps.policyAdmins.decide(actorId), deps.policies.campaignWriteAccess()]);
  const blockers: CampaignChangeBlocker[] = [];
  if (decision === 'notAdmin') blockers.push({ kind: 'notPolicyAdmin' });
  else if (decision !== 'admin') blockers.push({ kind: 'membershipUnchecked', notPermitted: decision === 'notPermitted' });
  // 'unknown' (a token whose grants cannot be read) is let through: the write itself then says whether it may.
  if (write.granted === false) blockers.push({ kind: 'missingPermission', permission: write.permission });
  return blockers.length > 0 ? { may: false, blockers } : { may: true };
}

/**
 * "Review change": what the request would change, from the campaign as it is now. Nothing is written; a refused
 * review is audited (a card that offers no form cannot send one, so it was forged or is stale).
 */
export async function reviewCampaignChange(
  deps: CampaignChangeDeps,
  actor: CampaignChangeActor,
  request: CampaignChangeRequest,
): Promise<CampaignChangePlan> {
  const planned = await plan(deps, actor.id, request);
  if (planned.kind === 'readOnly') await actor.audit(`${CAMPAIGN_CHANGE_ACTION} review (${reasons(planned.blockers)})`, 'refused');
  return planned;
}

/**
 * "Apply": everything decided again from scratch (who asks, the permission, the campaign as it is now, the check),
 * as the confirmation card's data is only a request; then the change is written and audited, whatever happened.
 */
export async function applyCampaignChange(
  deps: CampaignChangeDeps,
  actor: CampaignChangeActor,
  request: CampaignChangeRequest,
): Promise<CampaignChangeOutcome> {
  const planned = await plan(deps, actor.id, request);
  if (planned.kind !== 'planned') {
    await actor.audit(`${CAMPAIGN_CHANGE_ACTION} (${whyNot(planned)})`, planned.kind === 'notRead' ? 'failed' : 'refused');
    return planned;
  }
  const action = campaignChangeAction(planned.change, planned.before);
  let written: Awaited<ReturnType<RegistrationCampaignChanges['changeRegistrationCampaign']>>;
  try {
    written = await deps.policies.changeRegistrationCampaign(planned.change);
  } catch (error) {
    await actor.audit(action, 'failed');
    throw error;
  }
  await actor.audit(action, written.ok ? 'allowed' : 'failed');
  return written.ok
    ? { kind: 'changed', lines: planned.lines, after: written.value }
    : { kind: 'failed', lines: planned.lines, failure: written };
}

async function plan(deps: CampaignChangeDeps, actorId: string | undefined, request: CampaignChangeRequest): Promise<CampaignChangePlan> {
  const access = await campaignChangeAccess(deps, actorId);
  if (!access.may) return { kind: 'readOnly', blockers: access.blockers };
  const current = await deps.policies.registrationCampaign();
  if (!current.ok) return { kind: 'notRead', failure: current };
  const check = checkCampaignChange(request, current.value);
  if (!check.ok) return { kind: 'invalid', refusals: check.refusals };
  return {
    kind: 'planned',
    change: check.change,
    before: current.value,
    lines: campaignChangeLines(check.change, current.value),
    warnings: [...check.warnings, ...campaignChangeWarnings(check.change, current.value)],
  };
}

/** The audit log's reason: our fixed words only, never the refusal's text (it quotes what the card sent). */
function whyNot(planned: Exclude<CampaignChangePlan, { kind: 'planned' }>): string {
  if (planned.kind === 'readOnly') return reasons(planned.blockers);
  if (planned.kind === 'notRead') return 'campaign not read';
  return planned.refusals.every((r) => r === ALREADY_SO || r === NOTHING_TO_CHANGE) ? 'nothing to change' : 'invalid';
}

function reasons(blockers: readonly CampaignChangeBlocker[]): string {
  return blockers.map(blockerForAudit).join('; ');
}

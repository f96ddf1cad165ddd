/**
 * Who may change Entra's registration campaign from Teams, and why the card stays read-only for everyone else.
 * Two things must hold: the person is in a policy-admin group (a narrower right than admin: a change reaches
 * everyone in the tenant), and MFA Coach holds the write permission. Each missing one is a blocker, and the card
 * names every blocker at once, so nobody fixes one only to meet the next.
 */

/** Graph's one permission for `PATCH /policies/authenticationMethodsPolicy` (its v1.0 update page). */
export const CAMPAIGN_WRITE_PERMISSION = 'Policy.ReadWrite.AuthenticationMethod';

export type CampaignChangeBlocker =
  /** No policy-admin group is configured: nobody may change the campaign from Teams. */
  | { kind: 'noPolicyAdmins' }
  | { kind: 'notPolicyAdmin' }
  /** The membership could not be checked: Graph did not answer, or refused MFA Coach the permission to read it. */
  | { kind: 'membershipUnchecked'; notPermitted: boolean }
  | { kind: 'missingPermission'; permission: string };

export type CampaignChangeAccess = { may: true } | { may: false; blockers: readonly CampaignChangeBlocker[] };

/** The card's sentences for a read-only campaign section, one a blocker. */
export function readOnlyLines(blockers: readonly CampaignChangeBlocker[]): string[] {
  return blockers.map(readOnlyLine);
}

function readOnlyLine(blocker: CampaignChangeBlocker): string {
  switch (blocker.kind) {
    case 'noPolicyAdmins':
      return (
        'Read-only: nobody may change the campaign from Teams. To allow it, whoever runs MFA Coach names a policy-admin ' +
        `group (POLICY_ADMIN_GROUP_IDS) and grants MFA Coach ${CAMPAIGN_WRITE_PERMISSION}.`
      );
    case 'notPolicyAdmin':
      return 'Read-only for you: only members of the policy-admin group may change the registration campaign from Teams.';
    case 'membershipUnchecked':
      return blocker.notPermitted
        ? 'Read-only for now: Microsoft Graph refused MFA Coach the permission to check the policy-admin group (GroupMember.Read.All).'
        : "Read-only for now: I couldn't check whether you are in the policy-admin group (Microsoft Graph didn't answer). Try again in a few minutes.";
    case 'missingPermission':
      return (
        `Read-only: MFA Coach lacks ${blocker.permission}. Grant it (application permission, admin consent) to change ` +
        'the registration campaign from Teams.'
      );
  }
}

/** The audit log's words for a refusal: which blocker, never who or what else. */
export function blockerForAudit(blocker: CampaignChangeBlocker): string {
  switch (blocker.kind) {
    case 'noPolicyAdmins':
      return 'no policy-admin group';
    case 'notPolicyAdmin':
      return 'not a policy admin';
    case 'membershipUnchecked':
      return 'policy-admin membership not checked';
    case 'missingPermission':
      return `missing ${blocker.permission}`;
  }
}

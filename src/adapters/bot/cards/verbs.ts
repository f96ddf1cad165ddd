/** Action.Execute verbs, one place for all cards: a verb is a contract between a card and a route. */
export const VERBS = {
  showHelp: 'help.show',
  /** data: { articleId } — a related question on an answer card: that article's answer, in place. */
  showAnswer: 'answer.show',
  /** data: { department? } — a posture summary (the cards here send {}: the tenant's). */
  postureSummary: 'posture.summary',
  /** data: {} — the ranked department table. */
  postureDepartments: 'posture.departments',
  /** data: { days?, department? } — the % strong line chart (the route picks the default span). */
  postureTrend: 'posture.trend',
  /** data: { list: 'unenrolled' | 'weak' | 'phone-only', department?, offset } — another page of a user list. */
  postureUsersPage: 'posture.users.page',
  /** data: { userId, from? } — check one user's methods live again; `from`: the list page to go back to. */
  postureUserCheck: 'posture.user.check',
  /** data: { userId, from? } — remind one person now (admins); `from`: the list page the button was on, shown again. */
  postureUserNudge: 'posture.user.nudge',
  /** data: {} — the sender checks their own status again (whatever the data says, it is the sender's). */
  ownStatusCheck: 'status.check',
  /** data: { nudgeId } — Teams asks for the card's current state when it is shown (refresh). */
  nudgeRefresh: 'nudge.refresh',
  /** data: { nudgeId } — "I've done it": recheck live. */
  nudgeDone: 'nudge.done',
  /** data: { nudgeId, days } — "Remind me later". */
  nudgeSnooze: 'nudge.snooze',
  /** data: { nudgeId } — "I need help". */
  nudgeHelp: 'nudge.help',
  /** data: the campaign form's fields — create the campaign (campaign managers). */
  campaignCreate: 'campaign.create',
  /** data: the campaign form's fields — the form again, with whom it would reach now (campaign managers); creates nothing. */
  campaignPreview: 'campaign.preview',
  /** data: the campaign form's fields — its nudge card to the author alone, marked as a test (campaign managers); creates nothing. */
  campaignTest: 'campaign.test',
  /** data: { preset?, audience? } — a blank campaign form, one filled from a preset (campaign-presets.ts), or one for a list's people. */
  campaignNew: 'campaign.new',
  /** data: { campaignId } — the campaign's status card, current. */
  campaignStatus: 'campaign.status',
  /** data: { campaignId, change: 'pause' | 'resume' | 'cancel' } (campaign managers). */
  campaignChange: 'campaign.change',
  /** data: the `policy` card's campaign form (state, target, snoozeDays) and the values it showed (policy admins). */
  policyCampaignReview: 'policy.campaign.review',
  /** data: { state?, target?, snoozeDays? } — the reviewed change, decided again before it is made (policy admins). */
  policyCampaignApply: 'policy.campaign.apply',
  /** data: {} — back to the `policy` card, nothing changed. */
  policyCampaignCancel: 'policy.campaign.cancel',
} as const;

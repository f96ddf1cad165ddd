/** Action.Execute verbs, one place for all cards: a verb is a contract between a card and a route. */
export const VERBS = {
  showHelp: 'help.show',
  /** data: { department? } — a posture summary (the cards here send {}: the tenant's). */
  postureSummary: 'posture.summary',
  /** data: {} — the ranked department table. */
  postureDepartments: 'posture.departments',
  /** data: { days?, department? } — the % strong line chart (the route picks the default span). */
  postureTrend: 'posture.trend',
  /** data: { list: 'unenrolled' | 'weak', department?, offset } — another page of a user list. */
  postureUsersPage: 'posture.users.page',
  /** data: { userId } — check one user's methods live again. */
  postureUserCheck: 'posture.user.check',
  /** data: {} — the sender checks their own status again (whatever the data says, it is the sender's). */
  ownStatusCheck: 'status.check',
} as const;

/** Action.Execute verbs, one place for all cards: a verb is a contract between a card and a route. */
export const VERBS = {
  showHelp: 'help.show',
} as const;

import type { Activity } from 'botbuilder';
import { ADMIN_COMMANDS } from '../../../../src/domain/admin/admin-command';
import { PEOPLE } from './fake-bot-dependencies';
import { asActivity, teams } from './test-chat';

/** One thing a person does in Teams, and the route of the route table that must answer it (none: no route takes it). */
export interface RoutingExample {
  what: string;
  activity: Partial<Activity>;
  route: string | undefined;
}

const user = PEOPLE.employee;
const personal = (text: string): RoutingExample['activity'] => asActivity(teams.aMessage({ text, user }));
/** In a team's channel, with the bot @mentioned first, as Teams delivers it. */
const channel = (text: string): RoutingExample['activity'] => asActivity(teams.aMessage({ text, user, conversationType: 'channel' }));

/** A card's Action.Submit: a message with the card's data and no text. */
const submit = (() => {
  const { text: _text, ...message } = personal('');
  return { ...message, value: { choice: 'yes' } };
})();

/**
 * Messages, by the route that must answer them, in personal chat and in a channel. The texts that two routes could
 * both take are the ones that pin the table's order: each is answered by the route that comes first.
 */
const MESSAGES: Record<string, Partial<Activity>[]> = {
  'admin command': [
    ...Object.keys(ADMIN_COMMANDS).map(personal),
    personal('/POSTURE by department'),
    channel('posture'),
    // A command by its first word, not a question.
    personal("user can't sign in"),
  ],
  'campaign command': [personal('campaigns'), channel('campaign 3')],
  // Its own command, not a question about doctors.
  doctor: [personal('doctor'), personal('/Doctor'), channel('doctor')],
  // Its own command, not a question about policies.
  policy: [personal('policy'), personal('/Policy'), channel('policy')],
  // "smtp" alone or with one address; other text starting with "smtp" is a question (below).
  smtp: [personal('smtp'), personal('/SMTP scanner@contoso.example'), channel('smtp')],
  // "help me ...": what the bot can do, not an article.
  help: [personal('help'), channel('help'), personal('help me set up the authenticator app')],
  // "status": their own, not an article about it.
  'own status': [personal('am I set up?'), personal('status'), channel('my mfa')],
  question: [
    personal('how do I set up the authenticator app'),
    channel('how do I set up the authenticator app'),
    personal('hi'),
    personal('smtp auth error 535'),
  ],
  // An empty message, only the @mention in a channel, a card's Submit.
  'anything else': [personal(''), channel(''), submit],
};

const inWords = (activity: Partial<Activity>) => {
  const said = activity.value ? "a card's Submit" : `"${(activity.text ?? '').replace(/^<at>.*?<\/at>\s*/, '')}"`;
  return activity.conversation?.conversationType === 'channel' ? `${said} in a channel, @mentioned` : `${said} in personal chat`;
};

const OTHER_ACTIVITIES: readonly RoutingExample[] = [
  {
    what: 'a channel message that does not mention the bot (Teams delivers one only to an app granted every message)',
    activity: asActivity(teams.aMessage({ text: 'what is mfa', user, conversationType: 'channel', mentionBot: false })),
    route: undefined,
  },
  {
    what: "a card's button (Action.Execute): a card action, before the table",
    activity: asActivity(teams.anAdaptiveCardInvoke({ verb: 'help.show', user })),
    route: undefined,
  },
  {
    what: 'the app installed',
    activity: asActivity(teams.anInstallationUpdate({ action: 'add', scope: 'personal', user })),
    route: 'installation',
  },
  {
    what: 'the app removed',
    activity: asActivity(teams.anInstallationUpdate({ action: 'remove', scope: 'team', user })),
    route: 'installation',
  },
  {
    what: 'the bot added to a team',
    activity: asActivity(teams.aConversationUpdateBotAdded({ scope: 'team', user })),
    route: 'members added',
  },
  {
    what: 'the bot removed from a team',
    activity: asActivity(teams.aConversationUpdateBotRemoved({ scope: 'team', user })),
    route: 'members removed',
  },
  {
    what: 'one update that adds the bot and removes someone',
    activity: {
      ...asActivity(teams.aConversationUpdateBotAdded({ scope: 'team', user })),
      membersRemoved: [{ id: '29:someone-else', name: 'Someone else' }],
    },
    route: 'members added',
  },
];

export const ROUTING_EXAMPLES: readonly RoutingExample[] = [
  ...Object.entries(MESSAGES).flatMap(([route, messages]) => messages.map((activity) => ({ what: inWords(activity), activity, route }))),
  ...OTHER_ACTIVITIES,
];

import type { Activity, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDependencies } from './bot-dependencies';
import { registerAdminCardActions } from './routes/admin-card-actions';
import { isAdminCommand, replyToAdminCommand } from './routes/admin-routes';
import { registerCampaignCardActions } from './routes/campaign-card-actions';
import { isCampaignCommand, replyToCampaignCommand } from './routes/campaign-routes';
import { isDoctorCommand, replyToDoctor } from './routes/doctor-routes';
import {
  isInstallationUpdate,
  isMembersAdded,
  isMembersRemoved,
  replyToInstallationUpdate,
  replyToMembersAdded,
  replyToMembersRemoved,
} from './routes/installation-routes';
import { isMessageForTheBot, isHelpCommand, registerHelpCardAction, replyToAnythingElse, replyToHelp } from './routes/message-routes';
import { registerNudgeCardActions } from './routes/nudge-card-actions';
import { registerPolicyCardActions } from './routes/policy-card-actions';
import { isPolicyCommand, replyToPolicy } from './routes/policy-routes';
import { isSmtpCommand, replyToSmtp } from './routes/smtp-routes';
import { isOwnStatusMessage, registerOwnStatusCardAction, replyToOwnStatusQuestion } from './routes/own-status-routes';
import { isQuestion, registerAnswerCardAction, replyToQuestion } from './routes/question-routes';

/** One route for what is not a card's button: which activities it takes, and how it replies. */
export interface Route {
  name: string;
  /** Why it stands where it does in the table. */
  why: string;
  /** Sees the activity as teams-ai hands it over: in a channel, the bot's @mention is already out of the text. */
  takes(activity: Partial<Activity>): boolean;
  reply(context: TurnContext, deps: BotDependencies): Promise<void>;
}

/**
 * The order in which the bot's routes are tried: teams-ai runs the first that takes the activity, and no other.
 * A route that takes more comes after every route that takes part of the same (commands before questions,
 * questions before the last word). The tests check which route answers what, and fail when a swap would change it.
 */
export const ROUTE_TABLE: readonly Route[] = [
  {
    name: 'installation',
    why: "Teams' install, upgrade and uninstall notice: no other route takes it.",
    takes: isInstallationUpdate,
    reply: replyToInstallationUpdate,
  },
  {
    name: 'members added',
    why: "Teams' second install notice keeps the stored chat current, without a second welcome; before 'members removed', so an update that does both counts as an addition.",
    takes: isMembersAdded,
    reply: replyToMembersAdded,
  },
  {
    name: 'members removed',
    why: 'The bot removed from a team or chat: nothing more is sent there.',
    takes: isMembersRemoved,
    reply: replyToMembersRemoved,
  },
  {
    name: 'admin command',
    why: 'Matched on the first word, whatever follows ("user Adele"): before questions, which would search it as text.',
    takes: isAdminCommand,
    reply: replyToAdminCommand,
  },
  {
    name: 'campaign command',
    why: '"campaigns", "campaign 3": matched on the first word, before questions.',
    takes: isCampaignCommand,
    reply: replyToCampaignCommand,
  },
  {
    name: 'doctor',
    why: '"doctor": whether the bot can work in this tenant (admins only), from its own checks rather than the scans; matched on the first word, before questions, which would search "doctor" as text.',
    takes: isDoctorCommand,
    reply: replyToDoctor,
  },
  {
    name: 'policy',
    why: '"policy": who the tenant\'s Conditional Access requires to use MFA and Entra\'s registration campaign (admins only), read live from Entra; matched on the first word, before questions, which would search "policy" as text.',
    takes: isPolicyCommand,
    reply: replyToPolicy,
  },
  {
    name: 'smtp',
    why: '"smtp" alone or with one address: who sends mail with a password through SMTP AUTH (admins only); before questions, which take every other text starting with "smtp" ("smtp auth error 535").',
    takes: isSmtpCommand,
    reply: replyToSmtp,
  },
  {
    name: 'help',
    why: '"help", "help me": what the bot can do, before questions would search the words for an article.',
    takes: isHelpCommand,
    reply: replyToHelp,
  },
  {
    name: 'own status',
    why: '"Am I set up?" is a question too: before questions, so the person gets their own status, checked live.',
    takes: isOwnStatusMessage,
    reply: replyToOwnStatusQuestion,
  },
  {
    name: 'question',
    why: 'Any other text for the bot is a question for the knowledge base: after every command and phrase above.',
    takes: isQuestion,
    reply: replyToQuestion,
  },
  {
    name: 'anything else',
    why: 'Last, as it takes every message for the bot: one without text (only an @mention, a card sent with Submit).',
    takes: isMessageForTheBot,
    reply: replyToAnythingElse,
  },
];

/**
 * The card buttons' routes (Action.Execute invokes). teams-ai tries them before the table, by verb, and each verb has
 * exactly one route (refused at start otherwise), so their order does not matter.
 */
export const CARD_ACTION_ROUTES: readonly ((app: Application<TurnState>, deps: BotDependencies) => void)[] = [
  registerHelpCardAction,
  registerAnswerCardAction,
  registerOwnStatusCardAction,
  registerAdminCardActions,
  registerCampaignCardActions,
  registerNudgeCardActions,
  registerPolicyCardActions,
];

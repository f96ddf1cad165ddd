import { isGuid } from '../guid';

/**
 * What campaign managers (and, to look, admins) can ask for in chat, independent of how it was typed.
 * `ref` is a campaign's number ("3", "#3") or its id; the store decides whether it exists.
 */
export type CampaignCommand =
  { name: 'list' } | { name: 'new' } | { name: 'status'; ref: string } | { name: CampaignChange | 'copy' | 'export'; ref: string };

/** What changes a campaign's state, and so needs the campaign-manager role and goes to the audit log. */
export type CampaignChange = 'pause' | 'resume' | 'cancel';

export const CAMPAIGN_CHANGES: readonly CampaignChange[] = ['pause', 'resume', 'cancel'];

/** Who may do it: campaign managers change; admins and campaign managers look. */
export function needsCampaignManager(command: CampaignCommand): boolean {
  return command.name === 'new' || command.name === 'copy' || (CAMPAIGN_CHANGES as readonly string[]).includes(command.name);
}

export interface CampaignCommandUsage {
  syntax: string;
  description: string;
  examples: string[];
}

/** The words that start a campaign command. */
export const CAMPAIGN_COMMAND_WORDS = ['campaigns', 'campaign'] as const;

export const CAMPAIGN_USAGE: Record<(typeof CAMPAIGN_COMMAND_WORDS)[number], CampaignCommandUsage> = {
  campaigns: {
    syntax: 'campaigns',
    description: 'The latest reminder campaigns, their state and how far each got.',
    examples: ['campaigns'],
  },
  campaign: {
    syntax: 'campaign new | <number> | pause <number> | resume <number> | cancel <number> | copy <number> | export <number>',
    description:
      'Reminder campaigns: "new" opens the form; a number shows that campaign\'s funnel; pause, resume, cancel and copy change it (campaign managers); export sends its deliveries as CSV (personal chat).',
    examples: ['campaign new', 'campaign 3', 'campaign pause 3'],
  },
};

export type ParsedCampaignCommand = { ok: true; command: CampaignCommand } | { ok: false; usage: CampaignCommandUsage; problem: string };

/** A campaign's number as typed ("3", "#3", with spaces around), or undefined when `ref` is not one. */
export function campaignNumberOf(ref: string): number | undefined {
  const typed = ref.trim().replace(/^#/, '');
  return /^\d{1,9}$/.test(typed) ? Number(typed) : undefined;
}

/** A campaign as typed or carried by a card: its number, or its id. */
const isCampaignRef = (text: string) => campaignNumberOf(text) !== undefined || isGuid(text);
const VERBS_WITH_REF = ['pause', 'resume', 'cancel', 'copy', 'export'] as const;

/** `word` is the first word, lower-cased ("campaign" or "campaigns"); `args` the rest as typed. */
export function parseCampaignCommand(word: string, args: readonly string[]): ParsedCampaignCommand {
  const words = args.filter((arg) => arg !== '');
  if (word === 'campaigns') {
    return words.length === 0
      ? { ok: true, command: { name: 'list' } }
      : { ok: false, usage: CAMPAIGN_USAGE.campaigns, problem: '"campaigns" takes nothing after it.' };
  }
  const refuse = (problem: string): ParsedCampaignCommand => ({ ok: false, usage: CAMPAIGN_USAGE.campaign, problem });
  const [first, ...rest] = words;
  if (first === undefined) return refuse('Say which campaign, by its number, or "campaign new" to start one.');
  const verb = first.toLowerCase();
  if (verb === 'new')
    return rest.length === 0
      ? { ok: true, command: { name: 'new' } }
      : refuse('"campaign new" takes nothing after it: the form asks for the rest.');
  if (isCampaignRef(first)) {
    return rest.length === 0
      ? { ok: true, command: { name: 'status', ref: first } }
      : refuse(`Put the action first, then the number: "campaign pause ${first}".`);
  }
  const known = VERBS_WITH_REF.find((name) => name === verb);
  if (!known) return refuse(`"${first}" is neither a campaign number nor something I can do with one.`);
  if (rest.length !== 1) return refuse(`Say which campaign to ${known}, by its number: "campaign ${known} 3".`);
  if (!isCampaignRef(rest[0]!)) return refuse(`"${rest[0]}" is not a campaign number.`);
  return { ok: true, command: { name: known, ref: rest[0]! } };
}

/** As written to the audit log: the campaign by its number when known, else as typed (a number or an id, never free text). */
export function describeCampaignCommand(command: CampaignCommand, campaignNumber?: number): string {
  const which = campaignNumber !== undefined ? ` ${campaignNumber}` : 'ref' in command ? ` ${command.ref.replace(/^#/, '')}` : '';
  switch (command.name) {
    case 'list':
      return 'campaigns';
    case 'new':
      return 'campaign new';
    case 'status':
      return `campaign${which}`;
    default:
      return `campaign ${command.name}${which}`;
  }
}

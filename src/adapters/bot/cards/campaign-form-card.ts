import type { Campaign } from '../../../domain/campaigns/campaign';
import type { CampaignForm } from '../../../domain/campaigns/campaign-plan';
import { FORM_FIELDS } from '../../../domain/campaigns/campaign-plan';
import type { CampaignPreset } from '../../../domain/campaigns/campaign-presets';
import { SMS_VOICE_RETIREMENT } from '../../../domain/mfa/sms-voice-retirement';
import { DEFAULT_NUDGE_TARGET, type NudgeTarget } from '../../../domain/nudges/nudge-target';
import { sendingHoursText, type SendingHours } from '../../../domain/nudges/quiet-hours';
import { renderCard, type AdaptiveCard } from './card-template';
import { directoryText, TEXT_LIMITS } from './directory-text';
import { countText } from './figure-text';
import type { CampaignPreview } from '../../../use-cases/preview-campaign';
import { VERBS } from './verbs';

export interface CampaignFormView {
  /** What the fields start with: a copied campaign, or what was sent back with problems. */
  values?: CampaignForm;
  /** The form's problems, when it is sent back to be fixed. */
  problems?: readonly string[];
  /** "Copy of …" or a fresh form. */
  title?: string;
  /** The time zone the manager's Teams reported, for the schedule's default. */
  timeZone?: string;
  /** Ready-made campaigns offered as buttons above the fields (campaignPresets at the time asked). */
  presets?: readonly Pick<CampaignPreset, 'key' | 'title'>[];
  /** What to ask for, chosen until the manager picks another: the NUDGE_TARGET setting. */
  defaultTarget?: NudgeTarget;
  /**
   * The delivery window the form starts with: the bot's own sending hours (NUDGE_SENDING_HOURS), so that a demo that
   * sends at any hour gets campaigns that do too, rather than office hours in a zone far from the reader's.
   */
  defaultWindow?: SendingHours;
  /** Whom the campaign would reach now (its Preview button, or a form sent back with problems). */
  preview?: CampaignPreview;
  /** Why nobody can be counted yet (no scan, no read of the sign-in log). */
  note?: string;
  /** The departments the latest scan knows: offered as choices, so that none can be mistyped. */
  departments?: readonly string[];
}

/**
 * The most departments offered as choices (the card stays small); with more, or with one whose name holds a comma
 * (the choices' values are joined by commas), the field is typed, and checked against the scan when sent.
 */
export const MAX_DEPARTMENT_CHOICES = 100;

function departmentChoices(departments: readonly string[] | undefined): { title: string; value: string }[] {
  if (!departments || departments.length === 0 || departments.length > MAX_DEPARTMENT_CHOICES) return [];
  if (departments.some((name) => /[,;\n]/.test(name))) return [];
  return departments.map((name) => ({ title: name, value: name }));
}

const DEPARTMENTS_SHOWN = 8;

/** "It would reach 42 people now: Finance 30, Sales 12. For example: Adele Vance, Alex Wilber." */
export function previewText(preview: CampaignPreview): string {
  const departments = preview.byDepartment
    .slice(0, DEPARTMENTS_SHOWN)
    .map(
      ({ department, people }) =>
        `${department ? directoryText(department, TEXT_LIMITS.department) : 'no department'} ${countText(people)}`,
    );
  const more =
    preview.byDepartment.length > DEPARTMENTS_SHOWN ? `, and ${preview.byDepartment.length - DEPARTMENTS_SHOWN} more departments` : '';
  const who = `${countText(preview.people)} ${preview.people === 1 ? 'person' : 'people'}`;
  const names = preview.sample.map((name) => directoryText(name, TEXT_LIMITS.displayName)).join(', ');
  return preview.people === 0
    ? 'It would reach nobody now.'
    : `It would reach ${who} now: ${departments.join(', ')}${more}.${names ? ` For example: ${names}.` : ''}`;
}

const MFA_INTRO =
  'Each person in the audience gets the MFA reminder card in their 1:1 chat with me, inside the delivery window in their own time zone. People who set up strong MFA drop out by themselves.';
const SMTP_INTRO =
  'Each owner gets the card about their accounts that send mail with a password in their 1:1 chat with me, inside the delivery window in their own time zone. Owners whose accounts moved off the password drop out by themselves.';

const DEFAULTS: Record<(typeof FORM_FIELDS)[number], string> = {
  name: '',
  gaps: 'both',
  target: DEFAULT_NUDGE_TARGET,
  scope: 'all',
  departments: '',
  groupId: '',
  excluded: '',
  scheduleKind: 'now',
  date: '',
  time: '',
  weekdays: '1,2,3,4,5',
  endDate: '',
  timeZone: 'UTC',
  window: '09:00-17:00 Mon-Fri',
  deadline: '',
  maxNudges: '3',
  escalateAfter: '0',
};

/**
 * The campaign form (Action.Execute, so the card is replaced by the answer in place). Every field is given a
 * value, even empty: the templating leaves an unknown ${…} as it is, which would show in the field.
 */
export function campaignFormCard(view: CampaignFormView = {}): AdaptiveCard {
  const values: Record<string, string> = {
    ...DEFAULTS,
    ...(view.timeZone ? { timeZone: view.timeZone } : {}),
    ...(view.defaultTarget ? { target: view.defaultTarget } : {}),
    ...(view.defaultWindow ? { window: sendingHoursText(view.defaultWindow) } : {}),
  };
  for (const field of FORM_FIELDS) {
    const given = view.values?.[field];
    if (typeof given === 'string' || typeof given === 'number') values[field] = String(given);
  }
  return renderCard('campaign-form', {
    ...values,
    title: view.title ?? 'New reminder campaign',
    problems: (view.problems ?? []).map((text) => ({ text: directoryText(text, 300) })),
    presets: (view.presets ?? []).map(({ key, title }) => ({ key, title })),
    presetVerb: VERBS.campaignNew,
    phoneOnlyChoice: `Only SMS or voice (ending ${SMS_VOICE_RETIREMENT.stopsOnText})`,
    verb: VERBS.campaignCreate,
    previewVerb: VERBS.campaignPreview,
    testVerb: VERBS.campaignTest,
    departmentChoices: departmentChoices(view.departments),
    intro: values.gaps === 'smtpPassword' ? SMTP_INTRO : MFA_INTRO,
    preview: view.preview ? previewText(view.preview) : (view.note ?? ''),
  });
}

/** A campaign's plan as the form's values, for "campaign copy". */
export function formValuesOf(campaign: Campaign): CampaignForm {
  const { audience, schedule } = campaign;
  return {
    name: `Copy of ${campaign.name}`.slice(0, 80),
    gaps: audience.gaps,
    // A campaign from before the choice: the form shows the setting's, as that is what it asked for.
    ...(campaign.target ? { target: campaign.target } : {}),
    scope: audience.scope.kind,
    departments: audience.scope.kind === 'departments' ? audience.scope.departments.join(', ') : '',
    groupId: audience.scope.kind === 'group' ? audience.scope.groupId : '',
    excluded: audience.excluded.join(', '),
    scheduleKind: schedule.kind,
    date: schedule.kind === 'once' ? schedule.date : schedule.startDate,
    time: schedule.time,
    weekdays: schedule.kind === 'recurring' ? schedule.weekdays.join(',') : DEFAULTS.weekdays,
    endDate: schedule.kind === 'recurring' ? schedule.endDate : '',
    timeZone: schedule.timeZone,
    window: sendingHoursText(campaign.window),
    deadline: campaign.deadline ?? '',
    maxNudges: String(campaign.maxNudgesPerPerson),
    escalateAfter: String(campaign.escalateAfter ?? 0),
  };
}

import type { DemoUser } from '../../demo-tenant';
import { GraphError, notFound } from '../graph-error';
import { ok, type GraphRequest } from '../graph-request';
import { route, type GraphRoute, type RouteContext } from '../graph-route';
import { readSelect, rejectUnknownOptions } from '../odata-query';

/** mailboxSettings (Outlook service): where the bot learns each person's time zone for quiet hours. */
export const mailboxSettingsRoutes: GraphRoute[] = [
  route('GET', '/users/{id}/mailboxSettings', 'outlook', getMailboxSettings),
  route('GET', '/users/{id}/mailboxSettings/timeZone', 'outlook', getTimeZone),
];

const MAILBOX_SETTINGS_PROPERTIES = [
  'archiveFolder',
  'automaticRepliesSetting',
  'dateFormat',
  'delegateMeetingMessageDeliveryOptions',
  'language',
  'timeFormat',
  'timeZone',
  'userPurpose',
  'workingHours',
];

function getMailboxSettings(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, ['$select']);
  const user = mailboxOwner(id as string, ctx);
  const select = readSelect(req, MAILBOX_SETTINGS_PROPERTIES, 'microsoft.graph.mailboxSettings');
  const settings = mailboxSettingsOf(user);
  const body: Record<string, unknown> = { '@odata.context': `${ctx.metadata}#users('${user.id}')/mailboxSettings` };
  for (const name of select ?? MAILBOX_SETTINGS_PROPERTIES) body[name] = settings[name];
  return ok(body);
}

function getTimeZone(req: GraphRequest, [id]: string[], ctx: RouteContext) {
  rejectUnknownOptions(req, []);
  const user = mailboxOwner(id as string, ctx);
  return ok({ '@odata.context': `${ctx.metadata}#users('${user.id}')/mailboxSettings/timeZone`, value: user.timeZone });
}

/** Guests have no mailbox in this tenant; Graph answers them with MailboxNotEnabledForRESTAPI. */
function mailboxOwner(id: string, ctx: RouteContext): DemoUser {
  const user = ctx.state.findUser(id);
  if (!user) throw notFound(id);
  if (user.timeZone === null)
    throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  return user;
}

function mailboxSettingsOf(user: DemoUser): Record<string, unknown> {
  const locale = user.preferredLanguage ?? 'en-US';
  const usesTwelveHour = locale === 'en-US' || locale === 'en-AU' || locale === 'en-IN';
  return {
    archiveFolder: 'AAMkAGI2TGuLAAA=',
    timeZone: user.timeZone,
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      internalReplyMessage: '',
      externalReplyMessage: '',
      scheduledStartDateTime: { dateTime: '2025-01-01T00:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2025-01-02T00:00:00.0000000', timeZone: 'UTC' },
    },
    language: { locale, displayName: locale },
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: user.timeZone },
    },
    userPurpose: 'user',
    dateFormat: locale === 'en-US' ? 'M/d/yyyy' : 'dd/MM/yyyy',
    timeFormat: usesTwelveHour ? 'h:mm tt' : 'HH:mm',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  };
}

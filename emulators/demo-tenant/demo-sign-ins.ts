import type { DemoTenant } from './demo-tenant';
import { SCENARIO_PLANS } from './scenario-people';
import { SeededRandom } from './seeded-random';

/**
 * A sign-in event as Microsoft Graph v1.0 serves it from `/auditLogs/signIns` (the v1.0 `signIn` entity; only
 * properties the v1.0 CSDL declares). v1.0 has no authenticationProtocol, authenticationDetails or
 * signInEventTypes (those are beta), so nothing here says whether SMTP AUTH used a password or an OAuth token.
 */
export interface SignInEvent {
  id: string;
  createdDateTime: string;
  userDisplayName: string;
  userPrincipalName: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  clientAppUsed: string;
  userAgent: string;
  correlationId: string;
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  isInteractive: boolean;
  riskDetail: 'none';
  riskLevelAggregated: 'none';
  riskLevelDuringSignIn: 'none';
  riskState: 'none';
  riskEventTypes: string[];
  riskEventTypes_v2: string[];
  resourceDisplayName: string;
  resourceId: string;
  resourceTenantId: string;
  homeTenantId: string;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  deviceDetail: {
    deviceId: string;
    displayName: string;
    operatingSystem: string;
    browser: string;
    isCompliant: boolean;
    isManaged: boolean;
    trustType: string;
  };
  location: {
    city: string;
    state: string;
    countryOrRegion: string;
    geoCoordinates: { altitude: number | null; latitude: number; longitude: number };
  };
  appliedConditionalAccessPolicies: never[];
}

/** The clientAppUsed value of SMTP AUTH client submission in the sign-in logs. */
export const AUTHENTICATED_SMTP = 'Authenticated SMTP';
/** Microsoft's first-party Exchange Online app: the app and resource of legacy (basic) authentication to Exchange. */
export const EXCHANGE_ONLINE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const EXCHANGE_ONLINE = 'Office 365 Exchange Online';

const DAY_MS = 24 * 3600_000;
/** Documentation addresses (RFC 5737): the head office's NAT and a home connection. */
const OFFICE_IP = '203.0.113.10';
const HOME_IP = '198.51.100.23';

/** Who signed in, as the event names them. */
export interface SignInAccount {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/**
 * One SMTP AUTH sign-in with a password in Graph's v1.0 shape: Exchange Online's own app, from the head office,
 * succeeded, in Seattle. Callers change what their event is about (a failure, another app, another address).
 */
export function smtpSignInEvent(event: {
  id: string;
  createdDateTime: string;
  who: SignInAccount;
  tenantId: string;
  correlationId: string;
}): SignInEvent {
  return {
    id: event.id,
    createdDateTime: event.createdDateTime,
    userDisplayName: event.who.displayName,
    userPrincipalName: event.who.userPrincipalName,
    userId: event.who.id,
    appId: EXCHANGE_ONLINE_APP_ID,
    appDisplayName: EXCHANGE_ONLINE,
    ipAddress: OFFICE_IP,
    clientAppUsed: AUTHENTICATED_SMTP,
    userAgent: '',
    correlationId: event.correlationId,
    conditionalAccessStatus: 'notApplied',
    isInteractive: true,
    riskDetail: 'none',
    riskLevelAggregated: 'none',
    riskLevelDuringSignIn: 'none',
    riskState: 'none',
    riskEventTypes: [],
    riskEventTypes_v2: [],
    resourceDisplayName: EXCHANGE_ONLINE,
    resourceId: EXCHANGE_ONLINE_APP_ID,
    resourceTenantId: event.tenantId,
    homeTenantId: event.tenantId,
    status: { errorCode: 0, failureReason: null, additionalDetails: null },
    deviceDetail: { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '' },
    location: {
      city: 'Seattle',
      state: 'Washington',
      countryOrRegion: 'US',
      geoCoordinates: { altitude: null, latitude: 47.6062, longitude: -122.3321 },
    },
    appliedConditionalAccessPolicies: [],
  };
}

export interface DemoSignInsOptions {
  /** "Now" for the demo: every event is within the 30 days before it. Tests pass their own date. */
  now: Date;
}

/**
 * The demo tenant's sign-in log over the 30 days before `now`: SMTP AUTH senders (a multifunction printer sending
 * as a shared "scanner" mailbox, a scanner with a wrong password, a PowerShell script, a line-of-business app that
 * uses OAuth) and ordinary interactive sign-ins an `Authenticated SMTP` filter must leave out. Most recent first,
 * as Graph lists them. Same tenant and `now`, same events.
 */
export function buildDemoSignIns(tenant: DemoTenant, options: DemoSignInsOptions): SignInEvent[] {
  const random = new SeededRandom(`sign-ins:${tenant.seed}`);
  const now = options.now.getTime();
  const admin = tenant.users.find((u) => u.id === tenant.personaIds.admin);
  const employee = tenant.users.find((u) => u.id === tenant.personaIds.employee);
  // The scenario mailboxes when the tenant has them (their owners can then be found); stand-ins when it has not.
  const mailbox = (local: string, displayName: string) => {
    const upn = `${local}@${tenant.domain}`;
    const inTenant = tenant.users.find((u) => u.userPrincipalName === upn);
    return inTenant ?? { id: random.guid(), displayName, userPrincipalName: upn };
  };
  const scanner = mailbox(localOf('scannerMailbox'), 'Scanner');
  const invoicing = mailbox(localOf('invoicingMailbox'), 'Invoicing notifications');
  const invoicingAppId = random.guid();
  const at = (daysAgo: number, hour: number) => new Date(now - daysAgo * DAY_MS - hour * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const base = (who: SignInAccount, createdDateTime: string): SignInEvent =>
    smtpSignInEvent({ id: random.guid(), createdDateTime, who, tenantId: tenant.tenantId, correlationId: random.guid() });
  const events: SignInEvent[] = [];
  // The multifunction printer on the 2nd floor sends scans as the shared mailbox, with its password, every few days.
  for (const daysAgo of [1, 3, 8, 15, 22, 29]) events.push(base(scanner, at(daysAgo, 2)));
  // The old scanner in the warehouse still has the previous password: 50126, invalid username or password.
  for (const daysAgo of [2, 9]) {
    events.push({
      ...base(scanner, at(daysAgo, 5)),
      ipAddress: '203.0.113.44',
      status: {
        errorCode: 50126,
        failureReason: 'Error validating credentials due to invalid username or password.',
        additionalDetails:
          "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes.",
      },
      conditionalAccessStatus: 'notApplied',
    });
  }
  // An administrator's PowerShell script (Send-MailMessage with a PSCredential): basic authentication as well.
  if (admin) events.push({ ...base(admin, at(5, 7)), ipAddress: HOME_IP });
  // A line-of-business app that gets an OAuth token for SMTP AUTH (XOAUTH2): its own app id, the same clientAppUsed.
  for (const daysAgo of [4, 20]) {
    events.push({ ...base(invoicing, at(daysAgo, 3)), appId: invoicingAppId, appDisplayName: 'Contoso Invoicing', isInteractive: false });
  }
  // Ordinary sign-ins: the filter on clientAppUsed must leave these out.
  if (employee) {
    events.push({
      ...base(employee, at(1, 9)),
      appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
      appDisplayName: 'OfficeHome',
      clientAppUsed: 'Browser',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      resourceDisplayName: 'Office 365 SharePoint Online',
      resourceId: '00000003-0000-0ff1-ce00-000000000000',
      conditionalAccessStatus: 'success',
      deviceDetail: {
        deviceId: '',
        displayName: '',
        operatingSystem: 'Windows10',
        browser: 'Edge 126.0.0',
        isCompliant: false,
        isManaged: false,
        trustType: '',
      },
    });
    events.push({
      ...base(employee, at(6, 10)),
      appId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
      appDisplayName: 'Microsoft Teams Web Client',
      clientAppUsed: 'Mobile Apps and Desktop clients',
      resourceDisplayName: 'Microsoft Teams Services',
      resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
      conditionalAccessStatus: 'success',
      deviceDetail: {
        deviceId: '',
        displayName: '',
        operatingSystem: 'Ios 17.5',
        browser: '',
        isCompliant: false,
        isManaged: false,
        trustType: '',
      },
    });
  }
  return events.sort((a, b) => (a.createdDateTime < b.createdDateTime ? 1 : a.createdDateTime > b.createdDateTime ? -1 : 0));
}

function localOf(key: 'scannerMailbox' | 'invoicingMailbox'): string {
  return SCENARIO_PLANS.find((plan) => plan.key === key)?.local ?? key;
}

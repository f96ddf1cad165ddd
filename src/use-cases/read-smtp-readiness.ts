import type { ReadinessLine, ReadinessTone } from '../domain/mfa/readiness-lines';
import { passwordSendersLine, smtpBasicAuthCountdown, type SmtpBasicAuthCountdown } from '../domain/smtp/smtp-basic-auth-retirement';
import type { SmtpSender } from '../domain/smtp/smtp-sender';
import { smtpSenderOwner, type SendingAccount, type SmtpOwner } from '../domain/smtp/smtp-sender-owner';
import { smtpMigrationPaths, type SmtpMigrationPath } from '../domain/smtp/smtp-migration-path';
import type { SmtpScan, SmtpSenderCounts, SmtpSenderStore } from '../domain/ports/smtp-sender-store';
import type { SmtpLogUnavailable } from '../domain/ports/smtp-sign-in-log';
import { SMTP_WINDOW_DAYS, smtpPeriodStart } from './scan-smtp-senders';

export interface SmtpReadinessDeps {
  store: SmtpSenderStore;
  /** The directory's entry for an account (the latest posture scan's), or undefined. */
  account(id: string): Promise<SendingAccount | undefined>;
  /** A person by id or UPN, for an owner's name. */
  person(idOrUpn: string): Promise<{ id: string; displayName: string; userPrincipalName: string } | undefined>;
  /** SMTP_MAILBOX_OWNERS: mailbox UPN (lower case) → owner UPN. */
  configuredOwners: ReadonlyMap<string, string>;
  now: () => Date;
}

/** A sender with who owns it, named when the directory knows them. */
export interface OwnedSmtpSender {
  sender: SmtpSender;
  owner: SmtpOwner;
  /** The owner's object id: the directory's for a configured owner (absent when it has no such person). */
  ownerId?: string;
  ownerName?: string;
  ownerUpn?: string;
}

export const SMTP_TOP_SENDERS = 10;

export interface SmtpReadiness {
  countdown: SmtpBasicAuthCountdown;
  windowDays: number;
  /** The latest completed read of the sign-in log; absent when none ever completed. */
  lastCompleted?: SmtpScan & { status: 'completed' };
  /** Why the latest read could not happen, when it could not (the figures then are the last completed read's). */
  latestFailure?: SmtpLogUnavailable & { at: Date };
  counts: SmtpSenderCounts;
  /** Password senders last seen in the period, latest first, at most SMTP_TOP_SENDERS. */
  top: OwnedSmtpSender[];
}

/** What `smtp` shows: the countdown, and who sent mail with a password in the last 30 days, as the latest read found. */
export async function readSmtpReadiness(deps: SmtpReadinessDeps): Promise<SmtpReadiness> {
  const now = deps.now();
  const since = smtpPeriodStart(now);
  const { latest, lastCompleted } = await deps.store.latestSmtpScans();
  const [counts, senders] = await Promise.all([
    deps.store.countSmtpSenders(since),
    deps.store.listSmtpSenders({ since, offset: 0, limit: SMTP_TOP_SENDERS }),
  ]);
  return {
    countdown: smtpBasicAuthCountdown(now),
    windowDays: SMTP_WINDOW_DAYS,
    ...(lastCompleted ? { lastCompleted } : {}),
    ...(latest?.status === 'unavailable' ? { latestFailure: { ...latest.failure, at: latest.finishedAt } } : {}),
    counts,
    top: await Promise.all(senders.map((sender) => withOwner(deps, sender))),
  };
}

export type SmtpSenderLookup =
  | { kind: 'found'; owned: OwnedSmtpSender; paths: SmtpMigrationPath[]; countdown: SmtpBasicAuthCountdown }
  | { kind: 'several'; matches: SmtpSender[] }
  | { kind: 'none'; neverRead: boolean };

const MATCHES_SHOWN = 8;

/** `smtp <account>`: one sender's detail, by part of its address or name; several matches are listed to choose from. */
export async function lookUpSmtpSender(deps: SmtpReadinessDeps, text: string): Promise<SmtpSenderLookup> {
  const matches = await deps.store.findSmtpSenders(text.trim(), MATCHES_SHOWN + 1);
  const exact = matches.find((sender) => sender.userPrincipalName.toLowerCase() === text.trim().toLowerCase());
  const one = exact ?? (matches.length === 1 ? matches[0] : undefined);
  if (one) {
    return {
      kind: 'found',
      owned: await withOwner(deps, one),
      paths: one.onlyOAuth ? [] : smtpMigrationPaths(one),
      countdown: smtpBasicAuthCountdown(deps.now()),
    };
  }
  if (matches.length > 1) return { kind: 'several', matches: matches.slice(0, MATCHES_SHOWN) };
  const { lastCompleted } = await deps.store.latestSmtpScans();
  return { kind: 'none', neverRead: !lastCompleted };
}

export async function withOwner(deps: SmtpReadinessDeps, sender: SmtpSender): Promise<OwnedSmtpSender> {
  const owner = smtpSenderOwner(sender, await deps.account(sender.accountId), deps.configuredOwners);
  const key = owner.kind === 'configured' ? owner.ownerUpn : owner.kind === 'unknown' ? undefined : owner.ownerId;
  const person = key ? await deps.person(key) : undefined;
  const ownerId = owner.kind === 'configured' ? person?.id : owner.kind === 'unknown' ? undefined : owner.ownerId;
  return {
    sender,
    owner,
    ...(ownerId ? { ownerId } : {}),
    ...(person ? { ownerName: person.displayName, ownerUpn: person.userPrincipalName } : {}),
  };
}

/**
 * The tenant's posture card's line on SMTP AUTH: "2 accounts still send mail with a password: MFA cannot protect them
 * (last 30 days); SMTP AUTH with a password is switched off by default at …". None until the sign-in log was read once.
 */
export async function smtpPostureLine(deps: Pick<SmtpReadinessDeps, 'store' | 'now'>): Promise<ReadinessLine | undefined> {
  const { lastCompleted } = await deps.store.latestSmtpScans();
  if (!lastCompleted) return undefined;
  const now = deps.now();
  const { password } = await deps.store.countSmtpSenders(smtpPeriodStart(now));
  const countdown = smtpBasicAuthCountdown(now);
  const tone: ReadinessTone = password === 0 ? 'good' : countdown.phase === 'after' ? 'attention' : 'warning';
  return { text: `${passwordSendersLine(password)} (last ${SMTP_WINDOW_DAYS} days); ${lowerFirst(countdown.headline)}`, tone };
}

function lowerFirst(text: string): string {
  return text.startsWith('SMTP') ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

/** Senders read per page: the senders of one read are accounts, not events (hundreds in a large tenant). */
const PAGE = 500;

/** Every password sender of the last 30 days, latest seen first, read page by page. */
export async function passwordSendersOfPeriod(deps: Pick<SmtpReadinessDeps, 'store' | 'now'>): Promise<SmtpSender[]> {
  const since = smtpPeriodStart(deps.now());
  const senders: SmtpSender[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await deps.store.listSmtpSenders({ since, offset, limit: PAGE });
    senders.push(...page);
    if (page.length < PAGE) return senders;
  }
}

/** The password senders of the last 30 days by account id (lower case), for the export's columns. */
export async function passwordSendersById(deps: Pick<SmtpReadinessDeps, 'store' | 'now'>): Promise<ReadonlyMap<string, SmtpSender>> {
  return new Map((await passwordSendersOfPeriod(deps)).map((sender) => [sender.accountId.toLowerCase(), sender]));
}

import { capWindowStart, nextAllowedByCap } from '../domain/nudges/frequency-cap';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import { nextSendingTime, type SendingHours } from '../domain/nudges/quiet-hours';
import { resolveTimeZone } from '../domain/nudges/time-zone';
import { markingAlso, OPEN_GATE } from '../domain/nudges/send-gates';
import type { Directory, Person } from '../domain/ports/directory';
import type { DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';
import type { SendGate } from '../domain/ports/send-gate';
import type { SmtpOwnerNudges, SmtpOwnerNudgeSource } from '../domain/ports/smtp-owner-nudges';
import { smtpOwnerCardFor } from '../domain/smtp/smtp-owner-card';
import { passwordSendersByOwner, type SmtpOwnerOfSenders, type SmtpOwnersOfPeriod } from './smtp-owners';
import type { SmtpReadinessDeps } from './read-smtp-readiness';
import { deliveryRecordOf, postInPersonalChat, settleRepeatedSend, type PersonalChatDeps } from './reach-personal-chat';
import { recordWithRetries } from './record-with-retries';

export interface SmtpOwnerNudgeDeps extends PersonalChatDeps {
  owners: SmtpReadinessDeps;
  /** The period's password senders by owner (default: worked out from `owners` for each card; ownersOfLatestRead keeps them per read). */
  ownersOfPeriod?: () => Promise<SmtpOwnersOfPeriod>;
  directory: Pick<Directory, 'findPerson' | 'timeZoneOf'>;
  ledger: SmtpOwnerNudges;
  messenger: Pick<NudgeMessenger, 'openPersonalChat' | 'sendSmtpOwnerCard'>;
  /** Sending hours, the frequency cap and the default time zone: the same rules as MFA nudges. */
  nudges: Pick<NudgePolicy, 'sendingHours' | 'cap' | 'defaultTimeZone'>;
  now: () => Date;
  recordRetryWaitsMs?: readonly number[];
}

export interface SmtpOwnerNudgeRequest {
  /** An account whose owner to tell (an admin's `smtp nudge <address>`), or an owner to tell (a campaign). */
  about: { accountUpn: string } | { ownerId: string };
  source: SmtpOwnerNudgeSource;
  requestedBy?: string;
  /** Send even if the cap says wait (an admin's explicit choice); sending hours still hold. */
  force?: boolean;
  sendingHours?: SendingHours;
  gate?: SendGate;
  requestKey?: string;
  newChatPatienceMs?: number;
}

export type SmtpOwnerNudgeResult =
  /** No account of this owner (or this account) sent mail with a password in the last 30 days. */
  | { kind: 'nothingToMove' }
  | { kind: 'noOwner'; why: string }
  /** The owner is not in the directory (any more). */
  | { kind: 'unknownPerson'; ownerId: string }
  | { kind: 'deferred'; owner: Person; reason: 'sendingHours' | 'frequencyCap'; notBefore: Date; timeZone: string }
  | ({ owner: Person; nudgeId: string; accounts: number } & DeliveryOutcome);

/**
 * Tells the owner of accounts that send mail with a password what was seen, what happens when, and what to move to:
 * one card for all their accounts. The same rules as an MFA nudge: their sending hours, the frequency cap (counted
 * among these cards, in one transaction per owner), a keyed request never sent twice.
 */
export async function sendSmtpOwnerNudge(deps: SmtpOwnerNudgeDeps, request: SmtpOwnerNudgeRequest): Promise<SmtpOwnerNudgeResult> {
  const found = await ownerOf(deps, request.about);
  if ('kind' in found) return found;
  const person = await deps.directory.findPerson(found.ownerId).catch(() => undefined);
  if (!person) return { kind: 'unknownPerson', ownerId: found.ownerId };

  const timeZone = resolveTimeZone(await deps.directory.timeZoneOf(person.id).catch(() => undefined), deps.nudges.defaultTimeZone);
  const now = deps.now();
  const opens = nextSendingTime(now, timeZone, request.sendingHours ?? deps.nudges.sendingHours);
  if (opens.getTime() > now.getTime()) return { kind: 'deferred', owner: person, reason: 'sendingHours', notBefore: opens, timeZone };

  const reservation = await deps.ledger.reserve(
    {
      ownerId: person.id,
      accountIds: found.senders.map((sender) => sender.accountId),
      source: request.source,
      ...(request.requestedBy ? { requestedBy: request.requestedBy } : {}),
      now,
      ...(request.requestKey ? { requestKey: request.requestKey } : {}),
    },
    capWindowStart(now, deps.nudges.cap),
    (sentAt) => {
      const allowed = request.force ? now : nextAllowedByCap(now, sentAt, deps.nudges.cap);
      return allowed.getTime() > now.getTime() ? { kind: 'deferred', reason: 'frequencyCap', notBefore: allowed } : { kind: 'go' };
    },
  );
  if (reservation.kind === 'deferred') return { ...reservation, owner: person, timeZone };
  const { nudge } = reservation;
  if (reservation.kind === 'repeated')
    return {
      ...(await settleRepeatedSend(nudge, (detail) =>
        recordWithRetries(() => deps.ledger.recordDelivery(nudge.id, { status: 'uncertain', detail }, deps.now()), deps.recordRetryWaitsMs),
      )),
      owner: person,
      nudgeId: nudge.id,
      accounts: nudge.accountIds.length,
    };

  const gate = request.requestKey
    ? markingAlso(request.gate ?? OPEN_GATE, () =>
        recordWithRetries(() => deps.ledger.markSendStarted(nudge.id, deps.now()), deps.recordRetryWaitsMs),
      )
    : request.gate;
  const card = smtpOwnerCardFor({ id: nudge.id, name: person.givenName || person.displayName, whyYou: found.whyYou }, found.senders, now);
  const outcome = await deliver(withPatience(deps, request.newChatPatienceMs), person.id, gate, card);
  await recordWithRetries(
    () => deps.ledger.recordDelivery(nudge.id, deliveryRecordOf(outcome, deps.now()), deps.now()),
    deps.recordRetryWaitsMs,
  );
  return { ...outcome, owner: person, nudgeId: nudge.id, accounts: found.senders.length };
}

async function ownerOf(
  deps: SmtpOwnerNudgeDeps,
  about: SmtpOwnerNudgeRequest['about'],
): Promise<SmtpOwnerOfSenders | Extract<SmtpOwnerNudgeResult, { kind: 'nothingToMove' | 'noOwner' }>> {
  const { owners, ownerless } = await (deps.ownersOfPeriod ? deps.ownersOfPeriod() : passwordSendersByOwner(deps.owners));
  if ('ownerId' in about) return owners.find((o) => o.ownerId === about.ownerId) ?? { kind: 'nothingToMove' };
  const upn = about.accountUpn.toLowerCase();
  const owner = owners.find((o) => o.senders.some((s) => s.userPrincipalName.toLowerCase() === upn));
  if (owner) {
    // The account asked about first, then the owner's other accounts.
    const senders = [...owner.senders].sort(
      (a, b) => Number(b.userPrincipalName.toLowerCase() === upn) - Number(a.userPrincipalName.toLowerCase() === upn),
    );
    return { ...owner, senders };
  }
  const stray = ownerless.find((o) => o.sender.userPrincipalName.toLowerCase() === upn);
  return stray ? { kind: 'noOwner', why: stray.why } : { kind: 'nothingToMove' };
}

function withPatience(deps: SmtpOwnerNudgeDeps, patience: number | undefined): SmtpOwnerNudgeDeps {
  return patience === undefined ? deps : { ...deps, chatAfterInstall: { ...deps.chatAfterInstall, totalMs: patience, thenTryLater: true } };
}

function deliver(
  deps: SmtpOwnerNudgeDeps,
  userId: string,
  gate: SendGate | undefined,
  card: Parameters<NudgeMessenger['sendSmtpOwnerCard']>[1],
): Promise<DeliveryOutcome> {
  return postInPersonalChat(deps, userId, gate, (reference, mark) => deps.messenger.sendSmtpOwnerCard(reference, card, mark));
}

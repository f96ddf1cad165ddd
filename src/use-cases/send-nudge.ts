import { errorCodeOf } from '../domain/errors';
import type { MethodKind } from '../domain/mfa/method-kind';
import { classifyMethods, type ClassificationPolicy, type MfaStrength } from '../domain/mfa/mfa-strength';
import { nudgeCardFor } from '../domain/nudges/nudge-card';
import type { NudgeSource } from '../domain/nudges/nudge';
import type { NudgePolicy } from '../domain/nudges/nudge-policy';
import { DEFAULT_NUDGE_TARGET, meetsTarget, type NudgeTarget } from '../domain/nudges/nudge-target';
import { capWindowStart, nextAllowedByCap } from '../domain/nudges/frequency-cap';
import { nextSendingTime, type SendingHours } from '../domain/nudges/quiet-hours';
import { endOfDay, resolveTimeZone } from '../domain/nudges/time-zone';
import type { ConversationReferenceStore } from '../domain/ports/conversation-reference-store';
import type { Directory, Person } from '../domain/ports/directory';
import type { AppInstaller, DeliveryOutcome, NudgeMessenger } from '../domain/ports/nudge-delivery';
import type { NudgeStore } from '../domain/ports/nudge-store';
import type { SendGate } from '../domain/ports/send-gate';
import { markingAlso, OPEN_GATE } from '../domain/nudges/send-gates';
import { deliveryRecordOf, postInPersonalChat, settleRepeatedSend, type PersonalChatDeps } from './reach-personal-chat';
import { recordWithRetries } from './record-with-retries';

export interface SendNudgeDeps {
  directory: Pick<Directory, 'findPerson' | 'currentMethods' | 'timeZoneOf'>;
  store: NudgeStore;
  references: Pick<ConversationReferenceStore, 'findPersonalByUser' | 'save'>;
  installer: AppInstaller;
  messenger: NudgeMessenger;
  policy: ClassificationPolicy;
  nudges: NudgePolicy;
  now: () => Date;
  /** The waits between tries of recording a send's result (default: about 8 s in all). */
  recordRetryWaitsMs?: readonly number[];
  /** How long Teams is given to open a chat right after installing the app (default: about a minute). */
  chatAfterInstall?: PersonalChatDeps['chatAfterInstall'];
}

export interface NudgeRequest {
  userId: string;
  source: NudgeSource;
  /** The admin who asked, for `nudge <UPN>`. */
  requestedBy?: string;
  /** Send even if the frequency cap or a snooze says wait (an admin's explicit choice). Sending hours still hold. */
  force?: boolean;
  /** The deadline shown on the card, a calendar day (YYYY-MM-DD): the end of that day in the person's own time zone. */
  deadlineDay?: string;
  /** What the card asks for (a campaign's choice) instead of the configured target. */
  target?: NudgeTarget;
  /** The sending hours of this request (a campaign's delivery window) instead of the configured ones. */
  sendingHours?: SendingHours;
  /**
   * What the nudge's requests to Teams pass through: a place in the send budget before each, and the point of no
   * return right before the card leaves (a campaign marks its delivery there). None: sent at once, unmarked.
   */
  gate?: SendGate;
  /**
   * Who they are and their methods as the latest scan saw them, instead of asking Graph. A campaign sends to
   * thousands: Graph's per-user methods share the reports budget (5 requests per 10 s), so a live check each
   * would take hours; the scan just chose them, and "I've done it" still rechecks live.
   */
  known?: { person: Person; methods: MethodKind[] };
  /**
   * The longest this request waits for Teams to open the chat of someone the bot was installed for just now, after
   * which it fails as "try again" rather than "not installable" (the install stays, so the next try opens the chat
   * at once). An admin's turn must answer within seconds; without it, the deps' patience (about a minute) applies.
   */
  newChatPatienceMs?: number;
  /** The campaign delivery this is, so that a reservation an interrupted earlier attempt left behind is given up. */
  campaignDeliveryId?: string;
  /**
   * This request's own key, the same each time it is tried again (a queued nudge's job id). A retry finds the
   * nudge its earlier attempt reserved: one whose card may have left is never sent again.
   */
  requestKey?: string;
}

export type NudgeResult =
  | { kind: 'unknownPerson' }
  /** Nothing to nudge about: they have what the nudge would ask for (and any open series is closed). */
  | { kind: 'alreadyStrong'; person: Person }
  /**
   * The live check did not answer: nothing was sent or reserved; try later. `notPermitted`: Graph refused MFA Coach
   * the permission to read the person or their methods, which waiting will not fix.
   */
  | { kind: 'checkUnavailable'; person: Person; notPermitted?: true }
  | { kind: 'deferred'; person: Person; reason: 'sendingHours' | 'snoozed' | 'frequencyCap'; notBefore: Date; timeZone: string }
  | ({ person: Person; nudgeId: string; strength: MfaStrength } & DeliveryOutcome);

/**
 * Sends one nudge card to one person, in their 1:1 chat, if now is a good time for them.
 *
 * Order matters. The live check comes first: a nudge about a problem already fixed would be wrong. The cap and
 * any snooze are checked and the nudge reserved in one transaction, so two senders cannot both pass. The chat
 * is found or made last, so a nudge that has to wait installs nothing.
 */
export async function sendNudge(deps: SendNudgeDeps, request: NudgeRequest): Promise<NudgeResult> {
  const found = request.known ?? (await liveCheck(deps, request.userId));
  if ('kind' in found) return found;
  const { person, methods } = found;
  const strength = classifyMethods(methods, deps.policy);
  const target = request.target ?? deps.nudges.target ?? DEFAULT_NUDGE_TARGET;
  if (meetsTarget(target, strength, methods)) {
    const open = await deps.store.openSeries(person.id);
    if (open) await deps.store.endSeries(open.id, 'enrolled', deps.now());
    return { kind: 'alreadyStrong', person };
  }

  const timeZone = resolveTimeZone(await deps.directory.timeZoneOf(person.id).catch(() => undefined), deps.nudges.defaultTimeZone);
  const now = deps.now();
  const opens = nextSendingTime(now, timeZone, request.sendingHours ?? deps.nudges.sendingHours);
  if (opens.getTime() > now.getTime()) return { kind: 'deferred', person, reason: 'sendingHours', notBefore: opens, timeZone };

  const windowStart = capWindowStart(now, deps.nudges.cap);
  const reservation = await deps.store.reserve(
    {
      userId: person.id,
      source: request.source,
      requestedBy: request.requestedBy,
      now,
      deadline: request.deadlineDay ? endOfDay(request.deadlineDay, timeZone) : undefined,
      recipientName: person.displayName,
      greetingName: person.givenName || person.displayName,
      strength,
      methods,
      target,
      ...(request.campaignDeliveryId ? { campaignDeliveryId: request.campaignDeliveryId } : {}),
      ...(request.requestKey ? { requestKey: request.requestKey } : {}),
    },
    windowStart,
    (series, sentAt) => {
      if (request.force) return { kind: 'go' };
      if (series.snoozedUntil && series.snoozedUntil.getTime() > now.getTime())
        return { kind: 'deferred', reason: 'snoozed', notBefore: series.snoozedUntil };
      // A reminder the person asked for ("remind me in 1 day") is theirs, not another source's: the cap leaves it alone.
      if (request.source === 'reminder') return { kind: 'go' };
      const allowed = nextAllowedByCap(now, sentAt, deps.nudges.cap);
      return allowed.getTime() > now.getTime() ? { kind: 'deferred', reason: 'frequencyCap', notBefore: allowed } : { kind: 'go' };
    },
  );
  if (reservation.kind === 'deferred') return { ...reservation, person, timeZone };
  if (reservation.kind === 'repeated')
    return {
      ...(await settleRepeatedSend(reservation.nudge, (detail) =>
        deps.store.recordDelivery(reservation.nudge.id, { status: 'uncertain', detail }, deps.now()),
      )),
      person,
      nudgeId: reservation.nudge.id,
      strength,
    };
  const { nudge, series } = reservation;

  // A keyed request marks its nudge right before the card leaves (after any campaign's own mark).
  const gate = request.requestKey
    ? markingAlso(request.gate ?? OPEN_GATE, () =>
        recordWithRetries(() => deps.store.markSendStarted(nudge.id, deps.now()), deps.recordRetryWaitsMs),
      )
    : request.gate;
  const patience = request.newChatPatienceMs;
  const outcome = await deliver(
    patience === undefined ? deps : { ...deps, chatAfterInstall: { ...deps.chatAfterInstall, totalMs: patience, thenTryLater: true } },
    person.id,
    gate,
    nudgeCardFor(nudge, series, methods, { classification: deps.policy, snooze: deps.nudges.snooze, now: deps.now(), target }),
  );
  await recordWithRetries(
    () => deps.store.recordDelivery(nudge.id, deliveryRecordOf(outcome, deps.now()), deps.now()),
    deps.recordRetryWaitsMs,
  );
  return { ...outcome, person, nudgeId: nudge.id, strength };
}

async function liveCheck(deps: SendNudgeDeps, userId: string): Promise<{ person: Person; methods: MethodKind[] } | NudgeResult> {
  let person: Person | undefined;
  try {
    person = await deps.directory.findPerson(userId);
  } catch (error) {
    // The directory did not answer: say so ("try later") rather than fail the admin's turn or the job.
    return unavailable({ id: userId, displayName: userId }, error);
  }
  if (!person) return { kind: 'unknownPerson' };
  try {
    return { person, methods: await deps.directory.currentMethods(person.id) };
  } catch (error) {
    return unavailable(person, error);
  }
}

function unavailable(person: Person, error: unknown): NudgeResult {
  return { kind: 'checkUnavailable', person, ...(errorCodeOf(error) === 'GRAPH-FORBIDDEN' ? { notPermitted: true as const } : {}) };
}

function deliver(
  deps: SendNudgeDeps,
  userId: string,
  gate: SendGate | undefined,
  card: Parameters<NudgeMessenger['send']>[1],
): Promise<DeliveryOutcome> {
  return postInPersonalChat(deps, userId, gate, (reference, mark) => deps.messenger.send(reference, card, mark));
}

/**
 * What one message to a person passes through on its way to Teams, handed to the sender by whoever sends it (a
 * campaign, an admin's `nudge`, a reminder, a manager's escalation). The sender asks it for a place before each
 * request to Teams and frees the place once Teams answered; the messenger calls `mark` as its very last step
 * before the card's request leaves. The sender never learns who is behind the gate: the budget, a campaign's
 * delivery queue or nothing at all.
 */
export interface SendGate {
  /**
   * Waits for a place for one request to Teams (a new 1:1 chat, or the card itself) and resolves with the
   * function that frees it: call it once Teams has answered that request, whatever the answer (Teams counts a
   * request when it arrives, which the bot cannot see).
   */
  place(request: TeamsRequest): Promise<() => void>;
  /**
   * The point of no return: the card is about to leave. A campaign marks its delivery here, so that a stop after
   * this point is "uncertain", never a second card. False stops the send (nothing leaves).
   */
  mark(): Promise<boolean>;
}

/** The requests to Teams one message may take: opening the person's 1:1 chat (once), then the card. */
export type TeamsRequest = 'newChat' | 'card';

/**
 * Waits for one request's place in the tenant's send budget. `reserved`, when given, is told as soon as the place
 * is held, before the wait for its turn. Resolves with the function that frees the place once Teams answered.
 */
export type SendPace = (reserved?: () => void) => Promise<() => void>;

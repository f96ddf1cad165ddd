import type { Activity, CloudAdapterBase, ConversationReference, ResourceResponse } from 'botbuilder';

/**
 * Sends one activity into a stored conversation and answers Teams' response, or throws what the Connector said.
 * botbuilder hands an error thrown inside a proactive turn to the adapter's turn error handler, which logs it,
 * posts an apology into that same conversation and lets the call succeed: a failed send would read as sent.
 */
export async function sendProactively(
  adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity> | string,
  /** The last step inside the turn, right before the request: false sends nothing (and answers undefined). */
  beforeRequest?: () => Promise<boolean>,
): Promise<ResourceResponse | undefined> {
  let response: ResourceResponse | undefined;
  let failure: { error: unknown } | undefined;
  await adapter.continueConversationAsync(botAppId, reference, async (context) => {
    try {
      if (beforeRequest && !(await beforeRequest())) return;
      response = await context.sendActivity(activity);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
  return response;
}

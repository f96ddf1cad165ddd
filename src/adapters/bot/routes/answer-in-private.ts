import type { Activity, TurnContext } from 'botbuilder';
import type { BotDependencies } from '../bot-dependencies';
import { asAttachment } from '../cards/card-template';
import { sentPrivatelyCard, type PrivateAnswer } from '../cards/sent-privately-card';

/**
 * An answer about a person, asked for in a channel or group chat: it goes to the asker's personal chat, and
 * the conversation it came from learns only that it was sent. Without a personal chat yet, the asker is
 * told why (`why`, e.g. "That answer names people, so I only give it") and how to open one.
 */
export async function answerInPrivate(
  context: TurnContext,
  deps: Pick<BotDependencies, 'privateSender' | 'botName'>,
  userId: string,
  answer: Partial<Activity> | (() => Promise<Partial<Activity>>),
  what: PrivateAnswer,
  why: string,
): Promise<void> {
  const delivery = await deps.privateSender.send(userId, answer);
  if (delivery === 'sent') {
    await context.sendActivity({ attachments: [asAttachment(sentPrivatelyCard({ what }))] });
  } else {
    await context.sendActivity(
      `${why} in a private chat, and we don't have one yet. Open a chat with me (search for ${deps.botName} in Teams), then ask there.`,
    );
  }
}

import type { CloudAdapterBase, ConversationReference } from 'botbuilder';
import type { HelpDesk } from '../../domain/ports/help-desk';
import type { StoredConversationReference } from '../../domain/ports/conversation-reference-store';
import { escapeMarkdown } from './cards/card-template';
import { methodsInWords, STRENGTH_LOOK } from './cards/strength-label';
import { sendProactively } from './proactive-send';

/**
 * "I need help" posts a line to the help desk's Teams channel (one where the bot is installed). It names the
 * person and where they are, which is what the help desk needs to call them; nothing else of theirs.
 */
export class ChannelHelpDesk implements HelpDesk {
  constructor(
    private readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
    private readonly findConversation: (conversationId: string) => Promise<StoredConversationReference | undefined>,
    private readonly botAppId: string,
    private readonly conversationId: string,
  ) {}

  async tell(request: Parameters<HelpDesk['tell']>[0]): Promise<boolean> {
    const channel = await this.findConversation(this.conversationId);
    if (!channel) return false;
    const methods = request.methods.length > 0 ? methodsInWords(request.methods) : 'no method yet';
    const text = `**${escapeMarkdown(request.name)}** asked for help setting up MFA from a reminder card (today: ${STRENGTH_LOOK[request.strength].inSentence}; ${escapeMarkdown(methods)}). Their Entra object id: ${request.userId}.`;
    try {
      await sendProactively(this.adapter, this.botAppId, channel.reference as Partial<ConversationReference>, text);
      return true;
    } catch {
      return false;
    }
  }
}

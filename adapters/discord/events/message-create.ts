// Every message the bot can see: DMs, messages that mention it, follow-ups in its threads and
// agents writing in a hand-off card's thread. Bots (itself included), webhooks and system
// messages are ignored.
import { Events, MessageType } from 'discord.js';
import { guarded } from '../errors';
import { threadKey, type ThreadRecord } from '../conversation';
import { deskThreadKey } from '../desk';
import { directMessage } from '../messages/direct-message';
import { mention } from '../messages/mention';
import { threadFollowUp } from '../messages/thread-follow-up';
import { agentThreadMessage } from '../messages/agent-thread';
import { defineEvent } from './types';

const PERSON_MESSAGE_TYPES = new Set([MessageType.Default, MessageType.Reply]);

export default defineEvent({
  name: Events.MessageCreate,
  async execute(deps, message) {
    if (!message.author || message.author.bot || message.webhookId || message.system) return;
    if (!PERSON_MESSAGE_TYPES.has(message.type)) return;
    await guarded(deps.logger, 'message', async () => {
      if (!message.inGuild()) return directMessage(deps, message);
      if (message.channel.isThread()) {
        const handoff = await deps.store.get<string>(deskThreadKey(message.channelId));
        if (handoff) return agentThreadMessage(deps, message, handoff);
        const thread = await deps.store.get<ThreadRecord>(threadKey(message.channelId));
        if (thread) return threadFollowUp(deps, message, thread);
      }
      if (message.mentions.users.has(message.client.user.id)) return mention(deps, message);
    });
  },
});

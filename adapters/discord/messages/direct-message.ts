// A person writes to the bot in a direct message: one conversation per DM channel.
import type { Message } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { converse, dmConversationId } from '../conversation';
import { discordToPlain } from '../render/plain-text';

export async function directMessage(deps: DiscordDeps, message: Message): Promise<void> {
  if (!message.channel.isSendable()) return;
  const text = discordToPlain(message.content, message.client.user.id, message);
  if (!text) return;
  await converse(deps, { conversationId: dmConversationId(message.channelId), channel: message.channel, userId: message.author.id, input: { text } });
}

// A follow-up in a thread the bot runs continues the conversation. Without the privileged Message
// Content intent Discord only shows the bot messages that mention it (a reply to one of its messages
// counts), so a follow-up that arrives empty gets a one-time hint instead of silence.
import type { Message } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { DISCORD_MEMORY_MS } from '../deps';
import { converse, discordRef, hintKey, QUIET, threadKey, type ThreadRecord } from '../conversation';
import { discordToPlain } from '../render/plain-text';

export async function threadFollowUp(deps: DiscordDeps, message: Message<true>, thread: ThreadRecord): Promise<void> {
  const channel = message.channel;
  if (!channel.isSendable()) return;
  const text = discordToPlain(message.content, message.client.user.id, message);
  if (text) {
    await deps.store.set(threadKey(channel.id), thread, DISCORD_MEMORY_MS);
    await converse(deps, { conversationId: thread.conversationId, channel, userId: message.author.id, input: { text } });
    return;
  }
  const hidden = message.author.id === thread.userId && message.attachments.size === 0 && message.stickers.size === 0;
  if (!hidden) return;
  // While a person holds the conversation they read the thread themselves; the bot stays quiet.
  if (await deps.service.handoffStatus(discordRef(thread.conversationId, thread.userId))) return;
  if (!(await deps.store.setIfAbsent(hintKey(channel.id), 1, DISCORD_MEMORY_MS))) return;
  await channel.send({
    ...QUIET,
    content: `I can only read messages here that mention me. Start your message with <@${message.client.user.id}>, or use **Reply** on one of my messages.`,
  });
}

// Someone mentions the bot in a server channel: the bot opens a thread on that message and answers
// there; the thread is the conversation. Mentioned inside a thread, it answers in that thread.
// Without the "Create Public Threads" permission it answers in the channel and logs a warning.
import { ThreadAutoArchiveDuration, type Message } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { DISCORD_MEMORY_MS } from '../deps';
import { channelConversationId, converse, threadConversationId, threadKey, type ThreadRecord } from '../conversation';
import { discordToPlain } from '../render/plain-text';
import { truncate } from '../render/split';
import { describeError, isPermissionError } from '../errors';

const THREAD_NAME_MAX = 100;

export function threadName(text: string, username: string): string {
  const words = text.replace(/\s+/g, ' ').trim();
  return truncate(words ? `${username}: ${words}` : `Question from ${username}`, THREAD_NAME_MAX);
}

export async function mention(deps: DiscordDeps, message: Message<true>): Promise<void> {
  // A bare mention with no words is treated as a hello.
  const text = discordToPlain(message.content, message.client.user.id, message) || 'hello';
  const channel = message.channel;

  if (channel.isThread()) {
    const conversationId = threadConversationId(message.guildId, channel.id);
    const record: ThreadRecord = { conversationId, userId: message.author.id };
    await deps.store.set(threadKey(channel.id), record, DISCORD_MEMORY_MS);
    await converse(deps, { conversationId, channel, userId: message.author.id, input: { text } });
    return;
  }

  try {
    const thread = await message.startThread({
      name: threadName(text, message.author.username),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      reason: 'Support conversation with the region-lock bot',
    });
    const conversationId = threadConversationId(message.guildId, thread.id);
    await deps.store.set<ThreadRecord>(threadKey(thread.id), { conversationId, userId: message.author.id }, DISCORD_MEMORY_MS);
    await converse(deps, { conversationId, channel: thread, userId: message.author.id, input: { text } });
  } catch (err) {
    if (!isPermissionError(err)) throw err;
    deps.logger.warn(
      { error: describeError(err), channelId: channel.id },
      'discord: cannot open a thread here (needs "Create Public Threads" and "Send Messages in Threads"); answering in the channel',
    );
    if (!channel.isSendable()) return;
    const conversationId = channelConversationId(message.guildId, channel.id, message.author.id);
    await converse(deps, { conversationId, channel, userId: message.author.id, input: { text } });
  }
}

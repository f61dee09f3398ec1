import { MessageFlags, type Client, type Message, type MessageCreateOptions, type SendableChannels } from 'discord.js';
import type { ConversationRef, Turn, UserInput } from '../../src/engine/types';
import type { DiscordDeps } from './deps';
import { DISCORD_MEMORY_MS } from './deps';
import { answerRows } from './render/answer-buttons';
import { splitMessage } from './render/split';
import { describeError } from './errors';
import { channelOfConversation, decodeDiscordConversation, encodeDiscordConversation } from './conversation-id';

export const dmConversationId = (channelId: string) => encodeDiscordConversation({ kind: 'dm', channelId });
export const threadConversationId = (guildId: string, threadId: string) => encodeDiscordConversation({ kind: 'thread', guildId, threadId });
export const channelConversationId = (guildId: string, channelId: string, userId: string) =>
  encodeDiscordConversation({ kind: 'channel', guildId, channelId, userId });

/** The channel (DM, thread or text channel) a conversation is answered in. */
export function channelOf(conversationId: string): string | null {
  const c = decodeDiscordConversation(conversationId);
  return c ? channelOfConversation(c) : null;
}
export const isDirectMessageConversation = (conversationId: string) => decodeDiscordConversation(conversationId)?.kind === 'dm';
/** The person a channel conversation (no thread) belongs to; undefined for DMs and threads. */
export function ownerOf(conversationId: string): string | undefined {
  const c = decodeDiscordConversation(conversationId);
  return c?.kind === 'channel' ? c.userId : undefined;
}

export const discordRef = (conversationId: string, userId: string): ConversationRef => ({ channel: 'discord', conversationId, userId });

// Store keys (all namespaced under "discord:").
/** A thread the bot opened (or was mentioned in) and answers without a further mention. */
export const threadKey = (threadId: string) => `discord:thread:${threadId}`;
/** The last message of a conversation that still has answer buttons. */
export const lastButtonsKey = (conversationId: string) => `discord:buttons:${conversationId}`;
/** Which conversation a message with answer buttons belongs to. */
export const buttonsMessageKey = (messageId: string) => `discord:buttons-message:${messageId}`;
/** Set once a question's buttons were used. */
export const answeredKey = (messageId: string) => `discord:answered:${messageId}`;
/** Set once the "mention me in this thread" hint was given. */
export const hintKey = (threadId: string) => `discord:hint:${threadId}`;

export interface ThreadRecord {
  conversationId: string;
  /** The person who started the conversation. */
  userId: string;
}

interface ButtonsRecord {
  channelId: string;
  messageId: string;
}

/** Bot messages never ping anyone by accident (user text is echoed) and never unfurl link previews. */
export const QUIET: Pick<MessageCreateOptions, 'allowedMentions' | 'flags'> = {
  allowedMentions: { parse: [] },
  flags: MessageFlags.SuppressEmbeds,
};

/** Finds a channel by id (cache first, then REST) and checks that the bot can post there. */
export async function fetchSendable(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not a channel the bot can post in`);
  return channel;
}

/** Posts Markdown split to Discord's 2,000-character limit; `last` options go on the last message. */
export async function sendText(channel: SendableChannels, markdown: string, last: Partial<MessageCreateOptions> = {}): Promise<Message[]> {
  const chunks = splitMessage(markdown);
  if (!chunks.length) chunks.push('…');
  const sent: Message[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const extra = i === chunks.length - 1 ? last : {};
    sent.push(await channel.send({ ...QUIET, content: chunks[i], ...extra }));
  }
  return sent;
}

/** Posts a turn's reply (nothing for a silent turn) and remembers the message that carries buttons. */
export async function postTurn(deps: DiscordDeps, channel: SendableChannels, conversationId: string, turn: Turn): Promise<void> {
  if (turn.silent) return;
  const rows = answerRows(turn.options);
  const text = turn.reply.trim() || turn.options.map((o) => o.label).join(' / ');
  if (!text) return;
  const sent = await sendText(channel, text, rows.length ? { components: rows } : {});
  if (!rows.length) return;
  const last = sent[sent.length - 1];
  await deps.store.set<ButtonsRecord>(lastButtonsKey(conversationId), { channelId: channel.id, messageId: last.id }, DISCORD_MEMORY_MS);
  await deps.store.set(buttonsMessageKey(last.id), conversationId, DISCORD_MEMORY_MS);
}

/**
 * Takes the buttons off the last question when the user answered by typing instead, so no stale
 * buttons are left in the conversation.
 */
export async function retireButtons(deps: DiscordDeps, conversationId: string, exceptMessageId?: string): Promise<void> {
  const key = lastButtonsKey(conversationId);
  const record = await deps.store.get<ButtonsRecord>(key);
  if (!record) return;
  await deps.store.delete(key);
  if (record.messageId === exceptMessageId) return;
  await deps.store.set(answeredKey(record.messageId), 1, DISCORD_MEMORY_MS);
  try {
    const channel = await fetchSendable(deps.client, record.channelId);
    await channel.messages.edit(record.messageId, { components: [] });
  } catch (err) {
    deps.logger.warn({ error: describeError(err), conversationId }, 'discord: could not remove old answer buttons');
  }
}

export interface IncomingMessage {
  conversationId: string;
  channel: SendableChannels;
  userId: string;
  input: UserInput;
  /** The message id of the clicked buttons, when the input came from a button. */
  fromButtonsMessageId?: string;
}

/** One user message through the service and back to Discord. */
export async function converse(deps: DiscordDeps, msg: IncomingMessage): Promise<Turn> {
  await retireButtons(deps, msg.conversationId, msg.fromButtonsMessageId);
  const turn = await deps.service.handle(discordRef(msg.conversationId, msg.userId), msg.input);
  deps.logger.debug({ conversationId: msg.conversationId, intent: turn.intent, state: turn.state, silent: turn.silent }, 'discord turn');
  // While a person holds the conversation the service has passed the words on to the desk.
  if (turn.silent) return turn;
  await postTurn(deps, msg.channel, msg.conversationId, turn);
  return turn;
}

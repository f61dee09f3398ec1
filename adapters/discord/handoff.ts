// Posts a hand-off card to DISCORD_AGENT_CHANNEL_ID whenever the service hands a Discord
// conversation to a person, and opens a thread on it where the customer's words are copied.
import { ThreadAutoArchiveDuration } from 'discord.js';
import type { ConversationRef, HandoffSummary } from '../../src/engine/types';
import type { DiscordDeps } from './deps';
import { DISCORD_MEMORY_MS } from './deps';
import { agentThreadKey, channelOf, fetchSendable, handoffCardKey, isDirectMessageConversation, QUIET, type HandoffCard } from './conversation';
import { renderHandoffCard } from './render/handoff-card';
import { truncate } from './render/split';
import { describeError, isPermissionError } from './errors';

const THREAD_NAME_MAX = 100;

export async function postHandoffCard(deps: DiscordDeps, ref: ConversationRef, summary: HandoffSummary): Promise<void> {
  const channel = await fetchSendable(deps.client, deps.config.agentChannelId);
  const customerChannel = channelOf(ref.conversationId) ?? '';
  const card = renderHandoffCard(
    deps.service.formatHandoff(summary),
    { conversationId: ref.conversationId, userId: ref.userId },
    { isDirectMessage: isDirectMessageConversation(ref.conversationId), channelId: customerChannel },
  );
  const message = await channel.send({ ...card, allowedMentions: { parse: [] } });
  const record: HandoffCard = { channelId: message.channelId, messageId: message.id, conversationId: ref.conversationId, userId: ref.userId };
  try {
    const user = await deps.client.users.fetch(ref.userId).catch(() => null);
    const thread = await message.startThread({
      name: truncate(`Hand-off: ${user?.username ?? ref.userId}`, THREAD_NAME_MAX),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      reason: 'Conversation handed to a support agent',
    });
    record.threadId = thread.id;
    await thread.send({ ...QUIET, content: "While the conversation waits for a person or is claimed, the customer's messages appear here." });
  } catch (err) {
    // Without "Create Public Threads" the card still works through its buttons.
    const level = isPermissionError(err) ? 'warn' : 'error';
    deps.logger[level]({ error: describeError(err) }, 'discord: could not open a thread on the hand-off card');
  }
  await deps.store.set(handoffCardKey(ref.conversationId), record, DISCORD_MEMORY_MS);
  if (record.threadId) await deps.store.set(agentThreadKey(record.threadId), record, DISCORD_MEMORY_MS);
  deps.logger.info({ conversationId: ref.conversationId, reason: summary.reason }, 'discord: hand-off posted to agents');
}

/** Subscribes to the service's hand-off events; returns the unsubscribe function. */
export function listenForHandoffs(deps: DiscordDeps): () => void {
  const onHandoff = (ref: ConversationRef, summary: HandoffSummary) => {
    if (ref.channel !== 'discord') return;
    postHandoffCard(deps, ref, summary).catch((err: unknown) => {
      const level = isPermissionError(err) ? 'warn' : 'error';
      deps.logger[level](
        { error: describeError(err), conversationId: ref.conversationId, agentChannel: deps.config.agentChannelId },
        'discord: could not post the hand-off to the agents',
      );
    });
  };
  deps.service.on('handoff', onHandoff);
  return () => deps.service.off('handoff', onHandoff);
}

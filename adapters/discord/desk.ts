// Discord's part in the agent desk: the agents' channel (cards with a thread each, when HANDOFF_DESK
// is discord) and delivery to Discord users (their DM, thread or channel), whichever desk serves them.
import { escapeMarkdown, ThreadAutoArchiveDuration } from 'discord.js';
import type { Desk } from '../../src/desk/desk';
import type { CardPlace, DeskPort, HandoffRecord, UserMessage } from '../../src/desk/types';
import type { ConversationRef } from '../../src/engine/types';
import type { DiscordDeps } from './deps';
import { DISCORD_MEMORY_MS } from './deps';
import { channelOf, fetchSendable, sendText } from './conversation';
import { discordCardFormatting, renderDeskCard } from './render/desk-card';
import { truncate } from './render/split';
import { channelLabel } from '../shared/desk-card';
import { describeError, isPermissionError } from './errors';

/** The card's thread → the hand-off it belongs to. */
export const deskThreadKey = (threadId: string) => `discord:desk-thread:${threadId}`;
const THREAD_NAME_MAX = 100;

function card(deps: DiscordDeps, desk: Desk, record: HandoffRecord) {
  const f = discordCardFormatting((c) => deps.service.causeTitle(c), deps.deskConfig?.timeoutMs ?? 0, deps.deskConfig?.supportHoursText ?? null);
  return renderDeskCard(desk.texts, record, f);
}

export function discordDeskPort(deps: DiscordDeps, desk: Desk): DeskPort {
  return {
    async postCard(record): Promise<CardPlace> {
      const channel = await fetchSendable(deps.client, deps.config.agentChannelId);
      const message = await channel.send({ ...card(deps, desk, record), allowedMentions: { parse: [] } });
      const place: CardPlace = { channel: message.channelId, message: message.id };
      try {
        const thread = await message.startThread({
          // Never the raw user id: a web visitor's id is their bearer token.
          name: truncate(`Hand-off: ${record.userName ?? channelLabel(desk.texts, record)}`, THREAD_NAME_MAX),
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
          reason: 'Conversation handed to a support agent',
        });
        place.thread = thread.id;
        await deps.store.set(deskThreadKey(thread.id), record.id, DISCORD_MEMORY_MS);
      } catch (err) {
        // Without "Create Public Threads" the card still works through its buttons and the Reply form.
        deps.logger[isPermissionError(err) ? 'warn' : 'error']({ error: describeError(err) }, 'discord: could not open a thread on the hand-off card');
      }
      deps.logger.info({ id: record.id, channel: record.ref.channel }, 'discord: hand-off card posted');
      return place;
    },
    async updateCard(record) {
      if (!record.card) return;
      const channel = await fetchSendable(deps.client, record.card.channel);
      await channel.messages.edit(record.card.message, { ...card(deps, desk, record), allowedMentions: { parse: [] } });
    },
    async postInThread(record, line) {
      if (!record.card?.thread) return;
      const thread = await fetchSendable(deps.client, record.card.thread);
      const who = record.ref.channel === 'discord' ? `<@${record.ref.userId}>` : escapeMarkdown(record.userName ?? 'customer');
      await sendText(thread, line.from === 'user' ? `${who}: ${escapeMarkdown(line.text)}` : line.text);
    },
  };
}

/** Posts a desk message where the Discord user talks to the bot. */
export function discordDelivery(deps: DiscordDeps) {
  return async (ref: ConversationRef, message: UserMessage): Promise<void> => {
    const channelId = channelOf(ref.conversationId);
    if (!channelId) return;
    const channel = await fetchSendable(deps.client, channelId);
    // A person's words are plain text: shown as written (escaped), under their name, never as markup.
    const text = message.kind === 'agent' ? `**${escapeMarkdown(message.agent)}**: ${escapeMarkdown(message.text)}` : message.text;
    await sendText(channel, text);
  };
}

/** Registers Discord with the desk (on the instance holding the gateway); returns the function that undoes it. */
export function joinDesk(deps: DiscordDeps, desk: Desk): () => void {
  const undo = [
    desk.registerDelivery('discord', discordDelivery(deps)),
    desk.registerNames('discord', async (ref) => {
      const user = await deps.client.users.fetch(ref.userId).catch(() => null);
      return user?.globalName ?? user?.username ?? undefined;
    }),
  ];
  if (desk.platform === 'discord') undo.push(desk.registerDesk(discordDeskPort(deps, desk)));
  return () => {
    for (const u of undo) u();
  };
}

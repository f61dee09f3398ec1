// The card posted to the agents' channel when a conversation is handed to a person, and its later
// states. The buttons carry the conversation they belong to, so a card works after a restart too.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type APIEmbed } from 'discord.js';
import { truncate } from './split';

export const HANDOFF_CLAIM = 'handoff-claim';
export const HANDOFF_REPLY = 'handoff-reply';
export const HANDOFF_RELEASE = 'handoff-release';
export const HANDOFF_RESOLVE = 'handoff-resolve';
export type HandoffAction = typeof HANDOFF_CLAIM | typeof HANDOFF_REPLY | typeof HANDOFF_RELEASE | typeof HANDOFF_RESOLVE;
const ACTIONS: readonly HandoffAction[] = [HANDOFF_CLAIM, HANDOFF_REPLY, HANDOFF_RELEASE, HANDOFF_RESOLVE];

const STATUS_FIELD = 'Status';
const DESCRIPTION_MAX = 4096;
const WAITING_COLOUR = 0xe67e22;
const CLAIMED_COLOUR = 0x2ecc71;
const CLOSED_COLOUR = 0x95a5a6;

/** Which conversation a hand-off button is about: conversationId ("guild:channel[:user]") and the customer. */
export interface HandoffRef {
  conversationId: string;
  userId: string;
}

export function handoffCustomId(action: HandoffAction, ref: HandoffRef): string {
  return `${action}|${ref.conversationId}|${ref.userId}`;
}

/** Reads a hand-off button's custom id; null for anything that is not one (or is malformed). */
export function parseHandoffCustomId(customId: string): { action: HandoffAction; ref: HandoffRef } | null {
  const [action, conversationId, userId, extra] = customId.split('|');
  if (extra !== undefined || !ACTIONS.includes(action as HandoffAction)) return null;
  if (!/^(@me|\d{5,25}):\d{5,25}(:\d{5,25})?$/.test(conversationId ?? '') || !/^\d{5,25}$/.test(userId ?? '')) return null;
  return { action: action as HandoffAction, ref: { conversationId, userId } };
}

export function renderHandoffCard(summary: string, ref: HandoffRef, where: { isDirectMessage: boolean; channelId: string; guildId?: string }) {
  const place = where.isDirectMessage
    ? `Direct message with <@${ref.userId}>. After you claim it, use **Reply** (or mention me in this card's thread) and I pass your words on.`
    : `<#${where.channelId}> with <@${ref.userId}>. Write there yourself, or use **Reply** and I pass it on.`;
  const embed = new EmbedBuilder()
    .setTitle('A customer needs a person')
    .setColor(WAITING_COLOUR)
    .setDescription(truncate(summary, DESCRIPTION_MAX))
    .addFields({ name: 'Conversation', value: place }, { name: STATUS_FIELD, value: '⏳ Waiting for someone to claim it.' });
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(handoffCustomId(HANDOFF_CLAIM, ref)).setLabel('Claim').setStyle(ButtonStyle.Success),
  );
  return { content: `Hand-off for <@${ref.userId}>`, embeds: [embed], components: [row] };
}

/** The card's embed with a new status line and colour. */
function withStatus(embed: APIEmbed | undefined, status: string, colour: number): EmbedBuilder {
  const out = new EmbedBuilder(embed ?? { title: 'A customer needs a person' }).setColor(colour);
  const fields = (embed?.fields ?? []).filter((f) => f.name !== STATUS_FIELD);
  return out.setFields(...fields, { name: STATUS_FIELD, value: status });
}

export function claimedCard(embed: APIEmbed | undefined, ref: HandoffRef, agentId: string) {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(handoffCustomId(HANDOFF_REPLY, ref)).setLabel('Reply').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(handoffCustomId(HANDOFF_RELEASE, ref)).setLabel('Release').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(handoffCustomId(HANDOFF_RESOLVE, ref)).setLabel('Resolved').setStyle(ButtonStyle.Success),
  );
  return {
    embeds: [withStatus(embed, `🟢 Claimed by <@${agentId}>. The bot stays quiet in this conversation until you release it.`, CLAIMED_COLOUR)],
    components: [row],
  };
}

export function closedCard(embed: APIEmbed | undefined, status: string) {
  return { embeds: [withStatus(embed, status, CLOSED_COLOUR)], components: [] };
}

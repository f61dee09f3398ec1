// The hand-off card in DISCORD_AGENT_CHANNEL_ID: an embed built from the shared card model
// (adapters/shared/desk-card.ts), Claim / Reply / Release / Resolve buttons and a "Send macro"
// select menu. Every control carries the hand-off id, so a card keeps working after a restart.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, escapeMarkdown, StringSelectMenuBuilder } from 'discord.js';
import type { DeskTexts } from '../../../src/desk/texts';
import type { HandoffRecord } from '../../../src/desk/types';
import { neutraliseUserText } from '../../../src/engine/safety/markup';
import { buttonLabel, cardModel, type CardFormatting } from '../../shared/desk-card';
import { truncate } from './split';

export const DESK_PREFIX = 'desk|';
export const DESK_ACTIONS = ['claim', 'reply', 'release', 'resolve', 'macro'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];
const COLOURS = { waiting: 0xe67e22, claimed: 0x2ecc71, closed: 0x95a5a6 };

export const deskCustomId = (action: DeskAction, id: string) => `${DESK_PREFIX}${action}|${id}`;

/** Reads a desk control's custom id; null for anything else (or anything malformed). */
export function parseDeskCustomId(customId: string): { action: DeskAction; id: string } | null {
  const m = /^desk\|([a-z]+)\|([A-Za-z0-9_-]{6,32})$/.exec(customId);
  if (!m || !DESK_ACTIONS.includes(m[1] as DeskAction)) return null;
  return { action: m[1] as DeskAction, id: m[2]! };
}

export function discordCardFormatting(causeTitle: CardFormatting['causeTitle'], durationMs: number, supportHours: string | null): CardFormatting {
  return {
    user: (r) => (r.ref.channel === 'discord' ? `<@${r.ref.userId}>` : escapeMarkdown(r.userName ?? '')),
    agent: (a) => `<@${a.id}>`,
    // Discord's own timestamp markup: "5 minutes ago" in every reader's client, kept current.
    since: (at) => `<t:${Math.floor(at / 1000)}:R>`,
    plain: (text) => escapeMarkdown(neutraliseUserText(text)),
    causeTitle,
    durationMs,
    supportHours,
  };
}

export function renderDeskCard(t: DeskTexts, record: HandoffRecord, f: CardFormatting) {
  const m = cardModel(t, record, f);
  const description = m.sections
    .map((s) => `**${s.label}**\n${s.lines.map((l) => (s.quoted ? `> ${l}` : s.lines.length > 1 ? `- ${l}` : l)).join('\n')}`)
    .concat(m.notes)
    .join('\n\n');
  const colour = record.status === 'waiting' ? COLOURS.waiting : record.status === 'claimed' ? COLOURS.claimed : COLOURS.closed;
  const embed = new EmbedBuilder()
    .setTitle(m.title)
    .setColor(colour)
    .setDescription(truncate(description, 4096))
    .addFields(
      ...m.fields.map((x) => ({ name: x.label, value: truncate(x.value, 1024), inline: true })),
      { name: 'Status', value: truncate(m.status, 1024) },
      ...(m.howTo ? [{ name: '\u200b', value: truncate(m.howTo.replace('this thread', "this card's thread (mention me)"), 1024) }] : []),
    );
  const buttons = m.buttons.map((b) =>
    new ButtonBuilder()
      .setCustomId(deskCustomId(b, record.id))
      .setLabel(buttonLabel(t, b))
      .setStyle(b === 'claim' ? ButtonStyle.Success : b === 'resolve' ? ButtonStyle.Primary : ButtonStyle.Secondary),
  );
  // The claiming agent can also answer through a form (no mention needed).
  if (record.status === 'claimed')
    buttons.unshift(new ButtonBuilder().setCustomId(deskCustomId('reply', record.id)).setLabel('Reply').setStyle(ButtonStyle.Primary));
  const components: (ActionRowBuilder<ButtonBuilder> | ActionRowBuilder<StringSelectMenuBuilder>)[] = [];
  if (buttons.length) components.push(new ActionRowBuilder<ButtonBuilder>().addComponents(...buttons));
  if (m.macros.length) {
    components.push(
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(deskCustomId('macro', record.id))
          .setPlaceholder(t.macro_menu)
          .addOptions(m.macros.map((x) => ({ label: truncate(x.label, 100), value: x.cause ?? 'none' }))),
      ),
    );
  }
  return { content: truncate(`${m.title}: ${m.fields.map((x) => `${x.label} ${x.value}`).join(', ')}`, 2000), embeds: [embed], components };
}

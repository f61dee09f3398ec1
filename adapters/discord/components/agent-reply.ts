// "Reply" on a claimed hand-off card opens a form; what the agent writes there is passed on to the
// customer under the agent's name. A form works without the Message Content intent, and it
// reaches customers in a DM with the bot, where agents cannot write.
import { escapeMarkdown, LabelBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { channelOf, discordRef, fetchSendable, sendText } from '../conversation';
import { HANDOFF_REPLY, parseHandoffCustomId } from '../render/handoff-card';
import { agentName } from './agent-name';

export const REPLY_INPUT = 'reply';
const REPLY_MAX = 1800;

export function agentReplyModal(customId: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId)
    .setTitle('Reply to the customer')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Your message')
        .setDescription('Sent to the customer under your name.')
        .setTextInputComponent(new TextInputBuilder().setCustomId(REPLY_INPUT).setStyle(TextInputStyle.Paragraph).setRequired(true).setMaxLength(REPLY_MAX)),
    );
}

/** Posts the agent's words in the customer's conversation. */
export async function relayAgentWords(deps: DiscordDeps, conversationId: string, agent: string, text: string): Promise<void> {
  const channelId = channelOf(conversationId);
  if (!channelId) return;
  const channel = await fetchSendable(deps.client, channelId);
  await sendText(channel, `**${escapeMarkdown(agent)}** (support): ${text}`);
}

export async function agentReplySubmit(interaction: ModalSubmitInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseHandoffCustomId(interaction.customId);
  if (!parsed || parsed.action !== HANDOFF_REPLY) return;
  const text = interaction.fields.getTextInputValue(REPLY_INPUT).trim();
  const status = await deps.service.handoffStatus(discordRef(parsed.ref.conversationId, parsed.ref.userId));
  if (status?.status !== 'claimed') {
    await interaction.reply({ content: 'This conversation is not claimed any more; nothing was sent.', flags: MessageFlags.Ephemeral });
    return;
  }
  if (status.agent !== interaction.user.id) {
    // One voice for the customer: only the agent who claimed the conversation speaks to them.
    await interaction.reply({
      content: `<@${status.agent}> holds this conversation; only they can reply to the customer.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  if (!text) {
    await interaction.reply({ content: 'The message was empty; nothing was sent.', flags: MessageFlags.Ephemeral });
    return;
  }
  await relayAgentWords(deps, parsed.ref.conversationId, agentName(interaction), text);
  deps.logger.info({ conversationId: parsed.ref.conversationId, agent: interaction.user.id }, 'discord: agent reply passed on');
  await interaction.reply({ content: 'Sent to the customer.', flags: MessageFlags.Ephemeral });
}

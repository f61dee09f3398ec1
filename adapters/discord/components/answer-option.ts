// A click on one of the answer buttons under a clarifying question: the buttons are disabled with
// the choice highlighted (in the interaction response itself), and the choice goes to the service.
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { DISCORD_MEMORY_MS } from '../deps';
import {
  answeredKey,
  buttonsMessageKey,
  converse,
  dmConversationId,
  fetchSendable,
  ownerOf,
  threadConversationId,
  threadKey,
  type ThreadRecord,
} from '../conversation';
import { answeredRows, optionIdOf } from '../render/answer-buttons';

export async function answerOption(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const optionId = optionIdOf(interaction.customId);
  if (!optionId) {
    await interaction.reply({ content: 'This button is not valid any more. Just type your answer.', flags: MessageFlags.Ephemeral });
    return;
  }
  const message = interaction.message;
  const conversationId =
    (await deps.store.get<string>(buttonsMessageKey(message.id))) ??
    (interaction.guildId ? threadConversationId(interaction.guildId, interaction.channelId) : dmConversationId(interaction.channelId));

  // In a server channel or thread only the person who started the conversation answers its questions.
  const thread = interaction.guildId ? await deps.store.get<ThreadRecord>(threadKey(interaction.channelId)) : undefined;
  const owner = thread?.userId ?? ownerOf(conversationId);
  if (owner && owner !== interaction.user.id) {
    await interaction.reply({
      content: `This question is for <@${owner}>. Mention me in a channel to start your own conversation.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }

  // Each question can be answered once: a double click or a stale button changes nothing.
  if (!(await deps.store.setIfAbsent(answeredKey(message.id), 1, DISCORD_MEMORY_MS))) {
    await interaction.reply({
      content: 'That question was already answered. Use the buttons on my latest message, or just type.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }

  await interaction.update({ components: answeredRows(message.components, interaction.customId) });
  const label = (interaction.component as { label?: string | null }).label ?? optionId;
  const channel = interaction.channel?.isSendable() ? interaction.channel : await fetchSendable(interaction.client, interaction.channelId);
  await converse(deps, {
    conversationId,
    channel,
    userId: interaction.user.id,
    input: { text: label, optionId },
    fromButtonsMessageId: message.id,
  });
}

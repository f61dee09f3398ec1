// `/regionlock question:<text>`: a private (ephemeral) answer to one question, no conversation kept.
import { ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { replyPrivately } from './reply-privately';

export const data = new SlashCommandBuilder()
  .setName('regionlock')
  .setDescription('Ask about a "region not supported" / region-locked account. Only you see the answer.')
  .addStringOption((o) => o.setName('question').setDescription('Your question, e.g. "can I still withdraw my coins?"').setRequired(true).setMaxLength(2000))
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const question = interaction.options.getString('question', true).trim();
  const turn = deps.service.answerOnce(question);
  deps.logger.info({ user: interaction.user.id, intent: turn.intent }, 'discord: /regionlock answered');
  // The private answer has no conversation behind it, so it carries no buttons; the DM does.
  const hint = turn.options.length ? '\n\n-# To go through the full check step by step, send me a direct message.' : '';
  await replyPrivately(interaction, `${turn.reply}${hint}`);
}

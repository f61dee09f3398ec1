// `/regionlock question:<text>`: a private (ephemeral) answer to one question, no conversation kept.
import { escapeMarkdown, ApplicationIntegrationType, InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { replyPrivately } from './reply-privately';
import { channelLabel } from '../../shared/desk-card';

export const data = new SlashCommandBuilder()
  .setName('regionlock')
  .setDescription('Ask about a "region not supported" / region-locked account. Only you see the answer.')
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, e.g. "can I still withdraw my coins?" (agents: "status" lists open hand-offs)')
      .setRequired(true)
      .setMaxLength(2000),
  )
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);

export async function execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const question = interaction.options.getString('question', true).trim();
  // "/regionlock question:status" lists the desk's open hand-offs (Discord has one option here; a
  // subcommand would break the command that is already registered).
  if (/^status$/i.test(question) && deps.desk) {
    const desk = deps.desk;
    const text = await desk.statusLines((r) => {
      const who = r.ref.channel === 'discord' ? `<@${r.ref.userId}>` : escapeMarkdown(r.userName ?? desk.texts.card_user_unknown);
      const link = r.card ? ` https://discord.com/channels/${interaction.guildId ?? '@me'}/${r.card.channel}/${r.card.message}` : '';
      return `${channelLabel(desk.texts, r)} · ${who}${link}`;
    });
    await replyPrivately(interaction, text);
    return;
  }
  const turn = deps.service.answerOnce(question);
  deps.logger.info({ user: interaction.user.id, intent: turn.intent }, 'discord: /regionlock answered');
  // The private answer has no conversation behind it, so it carries no buttons; the DM does.
  const hint = turn.options.length ? '\n\n-# To go through the full check step by step, send me a direct message.' : '';
  await replyPrivately(interaction, `${turn.reply}${hint}`);
}

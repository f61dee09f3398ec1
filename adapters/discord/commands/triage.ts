// `/triage ticket:<text>`: an agent pastes a customer ticket and privately gets the triage card.
// Only members with Manage Messages see the command by default (server admins can change that
// under Server Settings → Integrations).
import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { renderTriageCard } from '../render/triage-card';
import { triageHeadline } from '../../shared/triage-summary';
import { deskTextsFor } from '../../../src/desk/texts';
import { replyPrivately } from './reply-privately';

export const TRIAGE_PERMISSION = PermissionFlagsBits.ManageMessages;

export const data = new SlashCommandBuilder()
  .setName('triage')
  .setDescription('Read a customer ticket: likely causes, facts still missing, a reply you can send.')
  .addStringOption((o) => o.setName('ticket').setDescription('The ticket text, pasted as the customer wrote it').setRequired(true).setMaxLength(6000))
  .setDefaultMemberPermissions(TRIAGE_PERMISSION)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

export async function execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  const ticket = interaction.options.getString('ticket', true).trim();
  const result = deps.service.triage(ticket);
  deps.logger.info({ user: interaction.user.id, causes: result.causes.map((c) => c.cause) }, 'discord: ticket triaged');
  const t = deskTextsFor(deps.service.agentLanguage);
  await replyPrivately(interaction, triageHeadline(t, result), [renderTriageCard(result, t)]);
}

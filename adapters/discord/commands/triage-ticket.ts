// Message context-menu command "Triage ticket": reads any message as a customer ticket and shows
// the triage card to the agent who used it. Discord delivers the target message's content to
// context-menu commands even without the Message Content intent.
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type Message,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { DiscordDeps } from '../deps';
import { discordToPlain } from '../render/plain-text';
import { renderTriageCard } from '../render/triage-card';
import { triageHeadline } from '../../shared/triage-summary';
import { deskTextsFor } from '../../../src/desk/texts';
import { replyPrivately } from './reply-privately';
import { TRIAGE_PERMISSION } from './triage';

export const data = new ContextMenuCommandBuilder()
  .setName('Triage ticket')
  .setType(ApplicationCommandType.Message)
  .setDefaultMemberPermissions(TRIAGE_PERMISSION)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild);

/** The readable text of a message, including embed text (forwarded e-mails, other bots' posts). */
export function ticketText(message: Pick<Message, 'content' | 'embeds' | 'mentions'>, botUserId?: string): string {
  const parts = [discordToPlain(message.content ?? '', botUserId, message)];
  for (const e of message.embeds ?? []) parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`));
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

export async function execute(interaction: MessageContextMenuCommandInteraction, deps: DiscordDeps): Promise<void> {
  const ticket = ticketText(interaction.targetMessage, interaction.client.user?.id);
  const t = deskTextsFor(deps.service.agentLanguage);
  if (!ticket) {
    await replyPrivately(interaction, t.triage.no_text);
    return;
  }
  const result = deps.service.triage(ticket);
  deps.logger.info({ user: interaction.user.id, causes: result.causes.map((c) => c.cause) }, 'discord: message triaged');
  await replyPrivately(interaction, triageHeadline(t, result), [renderTriageCard(result, t, { sourceUrl: interaction.targetMessage.url })]);
}

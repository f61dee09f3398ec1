// The controls on a hand-off card: Claim, Reply (a form), Release, Resolve and the "Send macro" menu.
// The desk does the work and edits the card; the interaction is answered privately.
import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { CAUSES, type Cause } from '../../../src/engine/types';
import { format } from '../../../src/desk/texts';
import type { AgentMessageResult } from '../../../src/desk/desk';
import type { DiscordDeps } from '../deps';
import { parseDeskCustomId } from '../render/desk-card';
import { agentReplyModal, REPLY_INPUT } from './agent-reply';
import { agentName } from './agent-name';

const ephemeral = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }) as const;
const agentOf = (i: ButtonInteraction | ModalSubmitInteraction | StringSelectMenuInteraction) => ({ id: i.user.id, name: agentName(i) });

function resultText(deps: DiscordDeps, r: AgentMessageResult, done: string): string {
  const t = deps.desk!.texts;
  if (r.kind === 'internal') return format(t.not_holder, { holder: `<@${r.holder.id}>` });
  if (r.kind === 'closed') return t.no_longer_open;
  return done;
}

export async function deskButton(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseDeskCustomId(interaction.customId);
  const desk = deps.desk;
  if (!parsed || !desk) {
    deps.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'discord: malformed hand-off button ignored');
    await interaction.reply(ephemeral('This button is not valid any more.'));
    return;
  }
  const agent = agentOf(interaction);
  if (parsed.action === 'claim') {
    // Acknowledged first: the desk edits the card itself (it may run on the instance holding the gateway).
    await interaction.deferUpdate();
    const c = await desk.claim(parsed.id, agent);
    if (c.result === 'already_claimed')
      await interaction.followUp(ephemeral(format(desk.texts.already_claimed, { holder: c.holder ? `<@${c.holder.id}>` : '?' })));
    else if (c.result === 'not_handed_off') await interaction.followUp(ephemeral(desk.texts.no_longer_open));
    return;
  }
  if (parsed.action === 'reply') {
    const record = await desk.record(parsed.id);
    if (record?.status !== 'claimed') {
      await interaction.reply(ephemeral(desk.texts.no_longer_open));
      return;
    }
    if (record.agent?.id !== agent.id) {
      await interaction.reply(ephemeral(format(desk.texts.not_holder, { holder: `<@${record.agent?.id}>` })));
      return;
    }
    await interaction.showModal(agentReplyModal(interaction.customId));
    return;
  }
  if (parsed.action === 'release' || parsed.action === 'resolve') {
    await interaction.deferUpdate();
    const closed = await desk.close(parsed.id, agent, parsed.action === 'resolve');
    if (!closed) await interaction.followUp(ephemeral(desk.texts.no_longer_open));
  }
}

export async function deskMacro(interaction: StringSelectMenuInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseDeskCustomId(interaction.customId);
  const value = interaction.values[0];
  const desk = deps.desk;
  const cause = value === 'none' ? null : CAUSES.includes(value as Cause) ? (value as Cause) : undefined;
  if (parsed?.action !== 'macro' || !desk || cause === undefined) {
    await interaction.reply(ephemeral('This menu is not valid any more.'));
    return;
  }
  const result = await desk.sendMacro(parsed.id, agentOf(interaction), cause);
  await interaction.reply(ephemeral(resultText(deps, result, '📨')));
}

export async function deskReplySubmit(interaction: ModalSubmitInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseDeskCustomId(interaction.customId);
  const desk = deps.desk;
  if (parsed?.action !== 'reply' || !desk) return;
  const text = interaction.fields.getTextInputValue(REPLY_INPUT).trim();
  if (!text) {
    await interaction.reply(ephemeral('The message was empty; nothing was sent.'));
    return;
  }
  const result = await desk.agentMessage(parsed.id, agentOf(interaction), text);
  await interaction.reply(ephemeral(resultText(deps, result, result.kind === 'note' ? '📝' : 'Sent to the customer.')));
}

// The buttons on a hand-off card in the agents' channel: Claim, then Reply / Release / Resolved.
// The card is updated in the interaction response itself; the customer is told in their conversation.
import { escapeMarkdown, MessageFlags, type ButtonInteraction } from 'discord.js';
import type { MessageKey } from '../../../src/engine/api';
import type { DiscordDeps } from '../deps';
import { channelOf, discordRef, fetchSendable, sendText } from '../conversation';
import {
  claimedCard,
  closedCard,
  HANDOFF_CLAIM,
  HANDOFF_RELEASE,
  HANDOFF_REPLY,
  HANDOFF_RESOLVE,
  parseHandoffCustomId,
  type HandoffRef,
} from '../render/handoff-card';
import { agentReplyModal } from './agent-reply';
import { agentName } from './agent-name';

/** Tells the customer, in their conversation, what happened. */
export async function tellCustomer(deps: DiscordDeps, ref: HandoffRef, key: MessageKey, agent: string): Promise<void> {
  const channelId = channelOf(ref.conversationId);
  if (!channelId) return;
  const channel = await fetchSendable(deps.client, channelId);
  await sendText(channel, deps.service.message(key, { agent: escapeMarkdown(agent) }));
}

const ephemeral = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }) as const;

export async function handoffButton(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const parsed = parseHandoffCustomId(interaction.customId);
  if (!parsed) {
    deps.logger.warn({ customId: interaction.customId.slice(0, 100) }, 'discord: malformed hand-off button ignored');
    await interaction.reply(ephemeral('This button is not valid any more.'));
    return;
  }
  const { action, ref } = parsed;
  const sref = discordRef(ref.conversationId, ref.userId);
  const agentId = interaction.user.id;
  const embed = interaction.message.embeds[0]?.toJSON();

  if (action === HANDOFF_CLAIM) {
    const result = await deps.service.claim(sref, agentId);
    if (result === 'claimed') {
      deps.logger.info({ conversationId: ref.conversationId, agent: agentId }, 'discord: hand-off claimed');
      await interaction.update(claimedCard(embed, ref, agentId));
      await tellCustomer(deps, ref, 'agent_joined', agentName(interaction));
    } else if (result === 'already_claimed') {
      const status = await deps.service.handoffStatus(sref);
      await interaction.reply(
        ephemeral(status?.agent ? `<@${status.agent}> has already claimed this conversation.` : 'Someone has already claimed this conversation.'),
      );
    } else {
      await interaction.update(closedCard(embed, '⚪ This conversation is no longer waiting for a person.'));
    }
    return;
  }

  if (action === HANDOFF_REPLY) {
    const status = await deps.service.handoffStatus(sref);
    if (status?.status !== 'claimed') {
      await interaction.reply(ephemeral('Claim the conversation first; then your reply goes to the customer.'));
      return;
    }
    if (status.agent !== agentId) {
      await interaction.reply(ephemeral(`<@${status.agent}> holds this conversation; only they can reply to the customer.`));
      return;
    }
    await interaction.showModal(agentReplyModal(interaction.customId));
    return;
  }

  const resolved = action === HANDOFF_RESOLVE;
  if (action !== HANDOFF_RELEASE && !resolved) return;
  const released = await deps.service.release(sref, resolved);
  if (!released) {
    await interaction.update(closedCard(embed, '⚪ This conversation is already closed.'));
    return;
  }
  deps.logger.info({ conversationId: ref.conversationId, agent: agentId, resolved }, 'discord: hand-off closed');
  await interaction.update(
    closedCard(embed, resolved ? `✅ Marked resolved by <@${agentId}>.` : `🤖 Handed back to the bot by <@${agentId}>. It answers the customer again.`),
  );
  await tellCustomer(deps, ref, resolved ? 'agent_resolved' : 'agent_released', agentName(interaction));
}

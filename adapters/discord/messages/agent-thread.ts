// An agent mentions the bot in a hand-off card's thread: once the conversation is claimed, the claiming
// agent's words are passed on to the customer (who may be in a DM with the bot, where agents cannot
// write). Other agents discussing the case in the thread are not passed on.
import type { Message } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { discordRef, QUIET, type HandoffCard } from '../conversation';
import { discordToPlain } from '../render/plain-text';
import { relayAgentWords } from '../components/agent-reply';

export async function agentThreadMessage(deps: DiscordDeps, message: Message<true>, card: HandoffCard): Promise<void> {
  if (!message.mentions.users.has(message.client.user.id)) return;
  const text = discordToPlain(message.content, message.client.user.id, message);
  if (!text) return;
  const status = await deps.service.handoffStatus(discordRef(card.conversationId, card.userId));
  if (status?.status !== 'claimed') {
    // Before the claim (or after release) the bot speaks to the customer itself.
    if (message.channel.isSendable())
      await message.channel.send({ ...QUIET, content: 'Claim the conversation on the card first; then what you write here goes to the customer.' });
    return;
  }
  if (status.agent !== message.author.id) return;
  const agent = message.member?.displayName ?? message.author.globalName ?? message.author.username;
  await relayAgentWords(deps, card.conversationId, agent, text);
  await message.react('📨').catch(() => undefined);
}

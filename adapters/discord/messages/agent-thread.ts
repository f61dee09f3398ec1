// An agent mentions the bot in a hand-off card's thread: the desk relays it to the customer in their
// own channel (the first reply claims the conversation). `note:` and `//` messages, and other
// agents' messages once someone holds the conversation, stay in the thread. Without the privileged
// Message Content intent Discord only gives the bot the text of messages that mention it.
import type { Message } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { QUIET } from '../conversation';
import { discordToPlain } from '../render/plain-text';
import { format } from '../../../src/desk/texts';

export async function agentThreadMessage(deps: DiscordDeps, message: Message<true>, id: string): Promise<void> {
  const desk = deps.desk;
  if (!desk || !message.mentions.users.has(message.client.user.id)) return;
  const text = discordToPlain(message.content, message.client.user.id, message);
  if (!text) return;
  const agent = { id: message.author.id, name: message.member?.displayName ?? message.author.globalName ?? message.author.username };
  const result = await desk.agentMessage(id, agent, text);
  if (result.kind === 'relayed') await message.react('📨').catch(() => undefined);
  else if (result.kind === 'internal' && message.channel.isSendable())
    await message.channel.send({ ...QUIET, content: format(desk.texts.not_holder, { holder: `<@${result.holder.id}>` }) });
}

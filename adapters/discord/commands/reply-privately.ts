// Ephemeral answers to a command: the first chunk as the interaction reply, the rest as follow-ups.
import { MessageFlags, type CommandInteraction, type EmbedBuilder } from 'discord.js';
import { splitMessage } from '../render/split';

const PRIVATE = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds;

export async function replyPrivately(interaction: CommandInteraction, markdown: string, embeds: EmbedBuilder[] = []): Promise<void> {
  const chunks = splitMessage(markdown);
  if (!chunks.length && !embeds.length) chunks.push('…');
  const messages = chunks.map((content, i) => ({ content, embeds: i === chunks.length - 1 ? embeds : [] }));
  if (!messages.length) messages.push({ content: '', embeds });
  const [first, ...rest] = messages;
  // Embeds are the message itself (the triage card), so link previews are only suppressed for text.
  const flags = (m: { embeds: EmbedBuilder[] }) => (m.embeds.length ? MessageFlags.Ephemeral : PRIVATE);
  const send = { allowedMentions: { parse: [] } };
  if (interaction.replied || interaction.deferred) await interaction.followUp({ ...first, ...send, flags: flags(first) });
  else await interaction.reply({ ...first, ...send, flags: flags(first) });
  for (const m of rest) await interaction.followUp({ ...m, ...send, flags: flags(m) });
}

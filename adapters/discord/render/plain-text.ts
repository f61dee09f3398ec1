// Turns a Discord message into the words a person wrote: the bot's own mention is removed, other
// mentions become names, custom emoji become :name:.
import type { Message } from 'discord.js';

export function discordToPlain(content: string, botUserId: string | undefined, message?: Pick<Message, 'mentions'>): string {
  let out = content;
  if (botUserId) out = out.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ');
  out = out
    .replace(/<@!?(\d{5,25})>/g, (_m, id: string) => `@${message?.mentions.users.get(id)?.username ?? 'user'}`)
    .replace(/<@&(\d{5,25})>/g, (_m, id: string) => `@${message?.mentions.roles.get(id)?.name ?? 'role'}`)
    .replace(/<#(\d{5,25})>/g, (_m, id: string) => {
      const channel = message?.mentions.channels.get(id);
      return `#${channel && 'name' in channel && channel.name ? channel.name : 'channel'}`;
    })
    .replace(/<a?:(\w{1,32}):\d{5,25}>/g, ':$1:')
    .replace(/<t:(\d{1,13})(?::[tTdDfFR])?>/g, (_m, s: string) => new Date(Number(s) * 1000).toISOString());
  return out.replace(/[ \t]{2,}/g, ' ').trim();
}

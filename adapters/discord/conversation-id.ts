// The one codec for Discord conversation ids (snowflakes never contain ':').
//   DM:                       `@me:${channelId}`
//   thread (after a mention): `${guildId}:${threadId}`
//   channel, no thread right: `${guildId}:${channelId}:${userId}` (replies in the channel)
export type DiscordConversation =
  | { kind: 'dm'; channelId: string }
  | { kind: 'thread'; guildId: string; threadId: string }
  | { kind: 'channel'; guildId: string; channelId: string; userId: string };

const DM = '@me';

export function encodeDiscordConversation(c: DiscordConversation): string {
  switch (c.kind) {
    case 'dm':
      return `${DM}:${c.channelId}`;
    case 'thread':
      return `${c.guildId}:${c.threadId}`;
    case 'channel':
      return `${c.guildId}:${c.channelId}:${c.userId}`;
  }
}

export function decodeDiscordConversation(id: string): DiscordConversation | null {
  const parts = id.split(':');
  if (parts.some((p) => p === '')) return null;
  if (parts[0] === DM) return parts.length === 2 ? { kind: 'dm', channelId: parts[1]! } : null;
  if (parts.length === 2) return { kind: 'thread', guildId: parts[0]!, threadId: parts[1]! };
  if (parts.length === 3) return { kind: 'channel', guildId: parts[0]!, channelId: parts[1]!, userId: parts[2]! };
  return null;
}

/** The channel (DM, thread or text channel) the conversation is answered in. */
export function channelOfConversation(c: DiscordConversation): string {
  return c.kind === 'thread' ? c.threadId : c.channelId;
}

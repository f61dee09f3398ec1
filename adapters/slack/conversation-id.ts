// The one codec for Slack conversation ids (Slack ids and message ts never contain ':').
//   DM:               `${team}:${channel}`
//   channel mention:  `${team}:${channel}:${threadTs}`
export type SlackConversation = { kind: 'dm'; team: string; channel: string } | { kind: 'thread'; team: string; channel: string; threadTs: string };

export function encodeSlackConversation(c: SlackConversation): string {
  return c.kind === 'dm' ? `${c.team}:${c.channel}` : `${c.team}:${c.channel}:${c.threadTs}`;
}

export function decodeSlackConversation(id: string): SlackConversation | null {
  const parts = id.split(':');
  if (parts.some((p) => p === '')) return null;
  if (parts.length === 2) return { kind: 'dm', team: parts[0]!, channel: parts[1]! };
  if (parts.length === 3) return { kind: 'thread', team: parts[0]!, channel: parts[1]!, threadTs: parts[2]! };
  return null;
}

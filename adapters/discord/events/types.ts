// The shape of one event module (discord.js guide style: one file per client event).
import type { ClientEvents } from 'discord.js';
import type { DiscordDeps } from '../deps';

export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(deps: DiscordDeps, ...args: ClientEvents[K]): Promise<void> | void;
}

export function defineEvent<K extends keyof ClientEvents>(event: BotEvent<K>): BotEvent<K> {
  return event;
}

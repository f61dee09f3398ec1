// Registers every event module on the client; a throwing handler is logged, never fatal.
import type { Client } from 'discord.js';
import type { DiscordDeps } from '../deps';
import { describeError } from '../errors';
import type { BotEvent } from './types';
import clientReady from './client-ready';
import shardReady from './shard-ready';
import shardResume from './shard-resume';
import shardReconnecting from './shard-reconnecting';
import shardDisconnect from './shard-disconnect';
import shardError from './shard-error';
import error from './error';
import warn from './warn';
import messageCreate from './message-create';
import interactionCreate from './interaction-create';

const EVENTS = [
  clientReady,
  shardReady,
  shardResume,
  shardReconnecting,
  shardDisconnect,
  shardError,
  error,
  warn,
  messageCreate,
  interactionCreate,
] as BotEvent[];

export function registerEvents(client: Client, deps: DiscordDeps): void {
  for (const event of EVENTS) {
    const listener = (...args: unknown[]) => {
      Promise.resolve()
        .then(() => (event.execute as (d: DiscordDeps, ...a: unknown[]) => unknown)(deps, ...args))
        .catch((err: unknown) => deps.logger.error({ event: event.name, error: describeError(err) }, 'discord: event handler failed'));
    };
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }
}

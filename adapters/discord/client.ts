// Builds the discord.js client: the gateway intents the bot needs and no more, REST settings, events.
import { Client, GatewayIntentBits, Partials, RESTEvents } from 'discord.js';
import type { DiscordConfig } from '../../src/config';
import type { Logger } from '../../src/ops/logger';
import { guardMalformedEvents } from './malformed-guard';

/**
 * Guilds: channels, threads and permissions of the servers the bot is in.
 * GuildMessages: messages in server channels (content only when the bot is mentioned).
 * DirectMessages: messages in DMs with the bot (always with content).
 * No privileged intent (Message Content, Server Members, Presence) is needed.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** REST base for discord.js (it appends /v10); DISCORD_API_URL points it at a test server. */
export function restApiBase(config: Pick<DiscordConfig, 'apiUrl'>): string | undefined {
  return config.apiUrl?.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function buildClient(config: DiscordConfig, logger: Logger): Client {
  const api = restApiBase(config);
  const client = new Client({
    intents: [...INTENTS],
    // DM channels are not cached at start-up; without this partial, DMs are never emitted.
    partials: [Partials.Channel],
    // Nobody is pinged by accident: user text is echoed in summaries and relays.
    allowedMentions: { parse: [] },
    rest: { ...(api ? { api } : {}), timeout: 15_000, retries: 3 },
    failIfNotExists: false,
  });
  // discord.js waits out 429s (retry_after / Retry-After) in its REST queue; they are logged so that
  // an operator sees when the bot is being throttled.
  client.rest.on(RESTEvents.RateLimited, (info) => {
    logger.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope },
      'discord: rate limited, waiting',
    );
  });
  guardMalformedEvents(client, logger);
  return client;
}

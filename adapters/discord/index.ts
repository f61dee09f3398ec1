// The Discord channel of region-lock-bot. `startBot` calls startDiscord when DISCORD_* settings are present.
import { DiscordjsErrorCodes, Events, type Client } from 'discord.js';
import type { ChannelContext, RunningChannel } from '../../src/channels';
import type { DiscordDeps } from './deps';
import { buildClient } from './client';
import { registerEvents } from './events';
import { listenForHandoffs } from './handoff';
import { describeError } from './errors';

/** How long start-up waits for the gateway to become ready (discord.js itself waits up to 15 s for guilds). */
const READY_TIMEOUT_MS = 45_000;

/** Resolves on the client's first "clientReady"; rejects after the timeout or when `signal` aborts. */
function waitForReady(client: Client, timeoutMs: number, signal: AbortSignal): Promise<void> {
  if (client.isReady()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      client.off(Events.ClientReady, onReady);
      signal.removeEventListener('abort', onAbort);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the Discord gateway was not ready after ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    const onReady = () => {
      done();
      resolve();
    };
    const onAbort = () => {
      done();
      reject(new Error('start-up was abandoned'));
    };
    client.once(Events.ClientReady, onReady);
    signal.addEventListener('abort', onAbort);
  });
}

export async function startDiscord(ctx: ChannelContext): Promise<RunningChannel> {
  const config = ctx.config.discord;
  if (!config) throw new Error('startDiscord was called without Discord settings (DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_AGENT_CHANNEL_ID)');
  const logger = ctx.logger.child({ channel: 'discord' });
  const client = buildClient(config, logger);
  const deps: DiscordDeps = { config, service: ctx.service, store: ctx.store, logger, client, connection: { connected: false, stopping: false } };
  registerEvents(client, deps);
  const unsubscribe = listenForHandoffs(deps);

  const abandon = new AbortController();
  const ready = waitForReady(client, READY_TIMEOUT_MS, abandon.signal);
  // If login fails first, the ready promise is abandoned; its rejection must not go unhandled.
  ready.catch(() => undefined);
  try {
    await client.login(config.token);
    await ready;
  } catch (err) {
    abandon.abort();
    unsubscribe();
    deps.connection.stopping = true;
    await client.destroy().catch(() => undefined);
    const code = (err as { code?: unknown }).code;
    if (code === DiscordjsErrorCodes.TokenInvalid) throw new Error('Discord rejected DISCORD_TOKEN; copy the bot token again from the Developer Portal (Bot → Reset Token)');
    throw new Error(`could not connect to Discord: ${String(describeError(err).message)}`);
  }
  logger.info({ applicationId: config.applicationId, agentChannelId: config.agentChannelId }, 'discord: ready');

  return {
    name: 'discord',
    connected: () => deps.connection.connected && !deps.connection.stopping,
    async stop() {
      if (deps.connection.stopping) return;
      deps.connection.stopping = true;
      deps.connection.connected = false;
      unsubscribe();
      try {
        await client.destroy();
      } catch (err) {
        logger.warn({ error: describeError(err) }, 'discord: error while stopping');
      }
    },
  };
}

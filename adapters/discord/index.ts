// The Discord channel of region-lock-bot. `startBot` calls startDiscord when DISCORD_* settings are present.
import { DiscordjsErrorCodes, Events, type Client } from 'discord.js';
import type { ChannelContext, RunningChannel } from '../../src/channels';
import type { DiscordDeps } from './deps';
import { buildClient } from './client';
import { registerEvents } from './events';
import { joinDesk } from './desk';
import { describeError } from './errors';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { isRedisStore } from '../../src/store/redis';

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

/** The leader lock's lifetime; the leader renews it every third of that. A dead leader is replaced within about TTL + one poll (≈ 20 s). */
export const LEADER_TTL_MS = 15_000;
const LEADER_POLL_MS = 5_000;

/**
 * With several instances on one Redis only one may hold the Discord gateway, or every message would
 * be answered once per instance. Each instance tries to take the lock rlb:leader:discord (SET NX PX);
 * the holder renews it and runs the gateway, the others stand by and try again every few seconds.
 */
export async function startDiscord(ctx: ChannelContext): Promise<RunningChannel> {
  if (!isRedisStore(ctx.store)) return startDiscordGateway(ctx);
  const store = ctx.store;
  const logger = ctx.logger.child({ channel: 'discord' });
  const holder = `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  let gateway: RunningChannel | null = null;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();
  let renewedAt = 0;

  const tick = async (first: boolean) => {
    if (stopped) return;
    // Redis unreachable: nobody can take the lock from us before it expires, so keep the gateway until then.
    const held = await store.holdLeader('discord', holder, LEADER_TTL_MS).then(
      (ok) => {
        if (ok) renewedAt = Date.now();
        return ok;
      },
      () => !!gateway && Date.now() - renewedAt < LEADER_TTL_MS - LEADER_POLL_MS,
    );
    if (held && !gateway) {
      logger.info({ holder }, 'discord: this instance is the leader; connecting to the gateway');
      try {
        gateway = await startDiscordGateway(ctx);
      } catch (err) {
        await store.releaseLeader('discord', holder);
        if (first) throw err;
        logger.error({ error: (err as Error).message }, 'discord: could not connect as leader; another instance may take over');
      }
    } else if (!held && gateway) {
      // The lock expired (Redis unreachable, or this process stalled): another instance may hold the gateway now.
      logger.warn('discord: lost the leader lock; disconnecting from the gateway');
      const g = gateway;
      gateway = null;
      await g.stop();
    } else if (!held && first) {
      logger.info('discord: standby; another instance holds the gateway (leader lock rlb:leader:discord)');
    }
  };

  await tick(true);
  const timer = setInterval(
    () => {
      busy = busy.then(() => tick(false)).catch((err) => logger.warn({ error: (err as Error).message }, 'discord: leader check failed'));
    },
    gateway ? LEADER_TTL_MS / 3 : LEADER_POLL_MS,
  );
  timer.unref();

  return {
    name: 'discord',
    // A standby instance is healthy: it is ready to take over.
    connected: () => (gateway ? gateway.connected() : !stopped),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await busy.catch(() => undefined);
      if (gateway) await gateway.stop();
      // Let another instance take over at once instead of after the TTL.
      await store.releaseLeader('discord', holder);
    },
  };
}

async function startDiscordGateway(ctx: ChannelContext): Promise<RunningChannel> {
  const config = ctx.config.discord;
  if (!config) throw new Error('startDiscord was called without Discord settings (DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_AGENT_CHANNEL_ID)');
  const logger = ctx.logger.child({ channel: 'discord' });
  const client = buildClient(config, logger);
  const deps: DiscordDeps = {
    config,
    service: ctx.service,
    store: ctx.store,
    logger,
    client,
    desk: ctx.desk,
    deskConfig: ctx.config.desk,
    connection: { connected: false, stopping: false },
  };
  registerEvents(client, deps);
  const unsubscribe = ctx.desk ? joinDesk(deps, ctx.desk) : () => undefined;

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
    if (code === DiscordjsErrorCodes.TokenInvalid)
      throw new Error('Discord rejected DISCORD_TOKEN; copy the bot token again from the Developer Portal (Bot → Reset Token)');
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

// Starts everything `region-lock-bot start` runs: the engine, one HTTP server on HOST:PORT with
// /healthz and /metrics, the web chat, and Slack/Discord when their settings are present.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '../config';
import type { ChannelContext, RunningChannel } from '../channels';
import type { ConversationService } from '../engine/service';
import type { SessionStore } from '../store/types';
import { createLogger, type Logger } from '../ops/logger';
import { createService } from '../engine/index';
import { createMetrics } from '../ops/metrics';
import { mountOpsRoutes } from './ops-routes';
import { allowedHostnames, hostCheck } from './host-check';
import { openConfiguredStore } from '../store/open';
import { startWeb } from '../../adapters/web/index';
import { Desk } from '../desk/desk';
import { redisDeskBus } from '../desk/bus';
import { isRedisStore } from '../store/redis';

export interface RunningBot {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 (the chat page is at /). */
  url: string;
  server: http.Server;
  service: ConversationService;
  channels: RunningChannel[];
  /** The agent desk, when an agents' channel is configured. */
  desk: Desk | null;
  /** Stops taking messages, finishes those in flight, closes channels and the server, flushes the store. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Defaults to the on-disk store under config.dataDir (closed again by stop()). */
  store?: SessionStore;
  logger?: Logger;
}

/** How long shutdown waits for messages in flight before closing anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

export async function startBot(config: AppConfig, opts: StartOptions = {}): Promise<RunningBot> {
  const startedAt = Date.now();
  const logger = opts.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const ownsStore = !opts.store;
  const store = opts.store ?? (await openConfiguredStore(config, logger)).store;
  const channels: RunningChannel[] = [];
  let stopping = false;

  let service: ConversationService;
  try {
    service = createService(config, store);
  } catch (err) {
    if (ownsStore) await store.close();
    throw err;
  }
  // One desk for every channel's hand-offs, when an agents' channel is configured.
  const desk = config.desk
    ? new Desk({ config: config.desk, exchange: config.exchange, service, store, logger: logger.child({ part: 'desk' }), agentLanguage: config.agentLanguage })
    : null;
  service.useDesk(desk);
  const metrics = createMetrics(service, store, () => channels, desk);
  service.on('quarantined', (key, reason) => logger.warn({ key, reason }, 'store: set a malformed record aside; its user starts fresh'));
  service.on('deskFailed', (ref, err) => logger.error({ channel: ref.channel, error: err.message }, 'desk: could not record a hand-off or relay a message'));
  service.on('storeFailed', (ref, err) =>
    logger.error({ channel: ref.channel, code: (err as { code?: string }).code, error: err.message }, 'store: could not save; the user was told'),
  );

  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  // A slow or stuck client must not hold a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  // Before any route: a Host this bot does not serve (DNS rebinding) gets 421; every response says nosniff.
  app.use(hostCheck(allowedHostnames(config.web.publicUrl, config.web.allowedHosts)));
  mountOpsRoutes(app, { channels: () => channels, metrics, stopping: () => stopping, startedAt, store: () => store.health?.() });

  const ctx: ChannelContext = { config, service, store, logger, app, server, desk };

  const closeServer = async () => {
    await new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      const force = setTimeout(() => server.closeAllConnections(), 2000);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
  };

  const stopAll = async () => {
    stopping = true;
    await service.drain(DRAIN_TIMEOUT_MS).catch((err) => logger.warn({ err }, 'shutdown: drain failed'));
    for (const c of [...channels].reverse()) {
      await c.stop().catch((err) => logger.warn({ err, channel: c.name }, 'shutdown: channel did not stop cleanly'));
    }
    await desk?.stop().catch((err) => logger.warn({ err }, 'shutdown: desk did not stop cleanly'));
    await closeServer();
    metrics.detach();
    await store.flush();
    if (ownsStore) await store.close();
  };

  try {
    // The server listens only once every channel has mounted its routes and started, so no request
    // meets a half-built app. Slack and Discord are loaded only when configured.
    channels.push(await startWeb(ctx));
    if (config.slack) {
      const { startSlack } = await import('../../adapters/slack/index.js');
      channels.push(await startSlack(ctx));
    }
    if (config.discord) {
      const { startDiscord } = await import('../../adapters/discord/index.js');
      channels.push(await startDiscord(ctx));
    }
    if (desk) {
      if (isRedisStore(store)) desk.useBus(await redisDeskBus(store, (job) => desk.run(job), logger));
      desk.start();
    }
    app.use(notFound);
    app.use(errorHandler(logger));
    await listen(server, config.port, config.host);
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }

  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostForUrl(config.host)}:${port}`;
  logger.info({ url, channels: channels.map((c) => c.name), startupMs: Date.now() - startedAt }, 'region-lock-bot started');

  let stopped: Promise<void> | undefined;
  return {
    url,
    server,
    service,
    channels,
    desk,
    stop: () => (stopped ??= stopAll().then(() => logger.info('region-lock-bot stopped'))),
  };
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' ? new Error(`PORT ${port} on ${host} is already in use; set PORT to a free port`) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** The address a person on this machine would open: wildcard hosts are reached through loopback. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: 'not found' });
}

/** What a client error says: a fixed sentence per kind, never the refused body or a parser's message quoting it. */
const CLIENT_ERRORS: Record<string, string> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is too large',
  'encoding.unsupported': 'the body encoding is not supported',
  'charset.unsupported': 'the body charset is not supported',
  'request.aborted': 'the request was aborted',
};

function errorHandler(logger: Logger) {
  return (err: { status?: number; statusCode?: number; type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) logger.error({ err }, 'http: request failed');
    if (res.headersSent) return;
    res.status(status).json({ error: status >= 500 ? 'internal error' : (CLIENT_ERRORS[err.type ?? ''] ?? 'bad request') });
  };
}

// The web channel: Botkit with botbuilder-adapter-web. Browsers talk over a WebSocket at /ws on the
// bot's one HTTP port; sites can integrate server-to-server with POST /api/messages (Botkit's
// webhook mode, the replies come back in the HTTP response). Botkit stays inside this folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import express from 'express';
import type { ChannelContext, RunningChannel } from '../../src/channels';
import { WebSocketChannelAdapter } from './socket-adapter';
import { WebHistory } from './history';
import { createWebController } from './controller';
import { checkWebhookBody } from './protocol';
import { PUBLIC_DIR, WEBHOOK_PATH, WEB_SOCKET_PATH } from './paths';
import { loadVisitorIds } from './identity';
import { NewConversationLimit } from './new-conversations';
import { bearerOk } from './api-token';
import { clientAddress } from '../../src/server/client-address';
import { allowedHostnames, hostAllowed } from '../../src/server/host-check';
import { conversationKey } from '../../src/engine/service';
import { CLIENT_FIELD } from './socket-adapter';
import { StoreWriteError } from '../../src/store/types';
import { isRedisStore, type RedisStore } from '../../src/store/redis';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../src/ops/logger';
import { webDelivery } from './desk-delivery';

/**
 * Several instances: a visitor's tabs may be connected to different instances. Every reply is
 * published on the Redis channel rlb:bus:web; each other instance sends it to that visitor's sockets
 * it holds. The instance that answered has already sent it to its own.
 */
async function webReplyBus(store: RedisStore, adapter: WebSocketChannelAdapter, logger: Logger): Promise<{ close(): Promise<void> }> {
  const origin = randomBytes(9).toString('base64url');
  const channel = store.busChannel('web');
  const sub = store.subscriber();
  sub.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    try {
      const m = JSON.parse(raw) as { origin: string; user: string; frame: string };
      if (m.origin !== origin && typeof m.user === 'string' && typeof m.frame === 'string') adapter.deliver(m.user, m.frame);
    } catch {
      // not ours
    }
  });
  await sub.subscribe(channel);
  adapter.onReply = (user, frame) => {
    store
      .publish('web', JSON.stringify({ origin, user, frame }))
      .catch((err: Error) => logger.warn({ error: err.message }, 'web: could not publish a reply to the other instances'));
  };
  return {
    async close() {
      adapter.onReply = undefined;
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}

export { PUBLIC_DIR, WEBHOOK_PATH, WEB_SOCKET_PATH } from './paths';

export async function startWeb(ctx: ChannelContext): Promise<RunningChannel> {
  const logger = ctx.logger.child({ channel: 'web' });
  const { maxMessageChars } = ctx.config;
  // Transport limits sit well above MAX_MESSAGE_CHARS: a long message is cut and answered politely by
  // the service; only a far larger frame or body is refused (socket closed with 1009, or HTTP 413).
  const transportLimitBytes = Math.max(65_536, maxMessageChars * 4 + 4096);
  const adapter = new WebSocketChannelAdapter(transportLimitBytes, (problem, err) => logger.debug({ err: err?.message }, `web: ${problem}`));
  const history = new WebHistory(ctx.store, ctx.config.sessionIdleMs);
  const ids = await loadVisitorIds(ctx.store);
  const web = ctx.config.web;
  const newConversations = new NewConversationLimit(web.newConversationsPerMinute);
  const hosts = allowedHostnames(web.publicUrl, web.allowedHosts);

  // Botkit registers POST /api/messages on our app when it is constructed: body parsing and
  // validation must come first. Bad bodies get a 400 here and never reach Botkit.
  // Backends only: with WEB_API_TOKEN set (required off loopback) a Bearer token is checked first.
  const requireToken = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (web.apiToken && !bearerOk(req.headers.authorization, web.apiToken)) {
      res.status(401).set('www-authenticate', 'Bearer').json({ error: 'a valid "Authorization: Bearer <WEB_API_TOKEN>" header is required' });
      return;
    }
    next();
  };
  ctx.app.post(WEBHOOK_PATH, requireToken, express.json({ limit: transportLimitBytes }), async (req, res, next) => {
    const problem = checkWebhookBody(req.body);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    try {
      const client = clientAddress(req, web.trustProxy);
      // A store that cannot be read right now (Redis down): the message goes on to the service,
      // which answers that it cannot save, instead of failing the request here.
      const stored = await ctx.store.get(conversationKey({ channel: 'web', conversationId: `api:${req.body.user}` })).catch((err: unknown) => {
        if (err instanceof StoreWriteError) return null;
        throw err;
      });
      const isNew = stored === undefined;
      if (isNew && !newConversations.allow(client)) {
        res.status(429).set('retry-after', '60').json({ error: 'too many new conversations from this address; try again in a minute' });
        return;
      }
      req.body[CLIENT_FIELD] = client;
    } catch (err) {
      next(err);
      return;
    }
    next();
  });
  const controller = createWebController({ ctx, adapter, history, logger, ids, newConversations });

  const setPageHeaders = pageSecurityHeaders(web.frameAncestors);
  ctx.app.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '5m', setHeaders: setPageHeaders }));

  let stopped = false;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WEB_SOCKET_PATH) {
      // Another part of the process may own this path; only refuse when nobody else listens.
      if (ctx.server.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    if (stopped || !sameOrigin(req) || !hostAllowed(req, hosts)) {
      socket.write(`HTTP/1.1 ${stopped ? '503 Service Unavailable' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    const client = clientAddress(req, web.trustProxy);
    adapter.server.handleUpgrade(req, socket, head, (ws) => adapter.accept(ws, req, client));
  };
  ctx.server.on('upgrade', onUpgrade);
  const bus = isRedisStore(ctx.store) ? await webReplyBus(ctx.store, adapter, logger) : null;
  // The support desk's messages (agents' words, joined / resolved notices) to web visitors and backends.
  const undeliver = ctx.desk?.registerDelivery('web', webDelivery(ctx.store, adapter, history));
  logger.info({ socket: WEB_SOCKET_PATH, webhook: WEBHOOK_PATH }, 'web: ready');

  return {
    name: 'web',
    connected: () => !stopped,
    async stop() {
      if (stopped) return;
      stopped = true;
      undeliver?.();
      ctx.server.off('upgrade', onUpgrade);
      await bus?.close();
      await controller.shutdown().catch(() => undefined);
      await adapter.close();
    },
  };
}

/** The page loads only its own files and talks only to its own origin (the socket is same-origin too). */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The chat page's headers. FRAME_ANCESTORS decides who may embed it (CSP frame-ancestors);
 * X-Frame-Options says the same to older browsers where it can ('none' → DENY, 'self' → SAMEORIGIN;
 * a list of sites has no X-Frame-Options equivalent, and browsers that know CSP ignore it then).
 */
function pageSecurityHeaders(frameAncestors: string) {
  const policy = `${PAGE_POLICY}; frame-ancestors ${frameAncestors}`;
  const xfo = frameAncestors === "'none'" ? 'DENY' : frameAncestors === "'self'" ? 'SAMEORIGIN' : null;
  return (res: ServerResponse): void => {
    res.setHeader('content-security-policy', policy);
    if (xfo) res.setHeader('x-frame-options', xfo);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
  };
}

/** Browsers send Origin on WebSocket upgrades; a page from another site may not drive a user's chat. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser (tests, CLI tools)
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

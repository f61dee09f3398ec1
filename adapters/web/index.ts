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

export { PUBLIC_DIR, WEBHOOK_PATH, WEB_SOCKET_PATH } from './paths';

export async function startWeb(ctx: ChannelContext): Promise<RunningChannel> {
  const logger = ctx.logger.child({ channel: 'web' });
  const { maxMessageChars } = ctx.config;
  // Transport limits sit well above MAX_MESSAGE_CHARS: a long message is cut and answered politely by
  // the service; only a far larger frame or body is refused (socket closed with 1009, or HTTP 413).
  const transportLimitBytes = Math.max(65_536, maxMessageChars * 4 + 4096);
  const adapter = new WebSocketChannelAdapter(transportLimitBytes, (problem, err) =>
    logger.debug({ err: err?.message }, `web: ${problem}`),
  );
  const history = new WebHistory(ctx.store, ctx.config.sessionIdleMs);

  // Botkit registers POST /api/messages on our app when it is constructed: body parsing and
  // validation must come first. Bad bodies get a 400 here and never reach Botkit.
  ctx.app.post(WEBHOOK_PATH, express.json({ limit: transportLimitBytes }), (req, res, next) => {
    const problem = checkWebhookBody(req.body);
    if (problem) {
      res.status(400).json({ error: problem });
      return;
    }
    next();
  });
  const controller = createWebController({ ctx, adapter, history, logger });

  ctx.app.use(express.static(PUBLIC_DIR, { index: 'index.html', maxAge: '5m', setHeaders: setPageSecurityHeaders }));

  let stopped = false;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WEB_SOCKET_PATH) {
      // Another part of the process may own this path; only refuse when nobody else listens.
      if (ctx.server.listenerCount('upgrade') === 1) socket.destroy();
      return;
    }
    if (stopped || !sameOrigin(req)) {
      socket.write(`HTTP/1.1 ${stopped ? '503 Service Unavailable' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    adapter.server.handleUpgrade(req, socket, head, (ws) => adapter.accept(ws, req));
  };
  ctx.server.on('upgrade', onUpgrade);
  logger.info({ socket: WEB_SOCKET_PATH, webhook: WEBHOOK_PATH }, 'web: ready');

  return {
    name: 'web',
    connected: () => !stopped,
    async stop() {
      if (stopped) return;
      stopped = true;
      ctx.server.off('upgrade', onUpgrade);
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

function setPageSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', PAGE_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
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

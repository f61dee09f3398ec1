// botbuilder-adapter-web with three fixes for a long-running server that shares its HTTP port:
// - the WebSocket server is attached in `noServer` mode, so the web channel only takes upgrades on
//   its own path (Botkit would attach it to a server it creates itself);
// - replies go to every open socket of the user, tracked here: the stock adapter keeps one socket
//   per user in a module-wide map and forgets the user when an *old* tab closes after a reload;
// - the adapter's heartbeat timer is kept so stop() can clear it (the stock one runs forever);
// - frames are checked before the adapter sees them: it would print every malformed frame to the
//   console and hand frames without a user to botbuilder, which throws.
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { isValidUserId } from './protocol';

/** Frame types the page sends (the Botkit web client's names). */
const FRAME_TYPES = new Set(['message', 'hello', 'welcome_back', 'reconnect']);

export class WebSocketChannelAdapter extends WebAdapter {
  private readonly socketsByUser = new Map<string, Set<WebSocket>>();
  private heartbeats: ReturnType<typeof setInterval>[] = [];

  constructor(
    maxPayloadBytes: number,
    /** Told about frames that were dropped and socket errors (e.g. an oversized frame). */
    private readonly onProblem: (problem: string, err?: Error) => void = () => undefined,
  ) {
    super({ noServer: true, maxPayload: maxPayloadBytes, clientTracking: true });
  }

  get server(): WebSocketServer {
    return this.wss as WebSocketServer;
  }

  override createSocketServer(server: unknown, socketOptions: unknown, logic: unknown): void {
    const realSetInterval = globalThis.setInterval;
    const captured: ReturnType<typeof setInterval>[] = [];
    globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
      const timer = realSetInterval(...args);
      captured.push(timer);
      return timer;
    }) as typeof setInterval;
    try {
      super.createSocketServer(server, socketOptions, logic);
    } finally {
      globalThis.setInterval = realSetInterval;
    }
    this.heartbeats = captured;
  }

  /** Hands an upgraded socket to the adapter, with its frames checked and its user tracked. */
  accept(ws: WebSocket, req: IncomingMessage, client: string): void {
    // Usually one user per socket (a browser tab), but a site relaying for several users may share one.
    const users = new Set<string>();
    const emit = ws.emit.bind(ws) as (event: string | symbol, ...args: unknown[]) => boolean;
    ws.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'error') {
        this.onProblem('socket error', args[0] as Error);
        return true; // handled here; the stock handler only prints it
      }
      if (event !== 'message') return emit(event, ...args);
      const frame = parseFrame(args[0]);
      if (!frame) {
        this.onProblem('dropped a malformed frame');
        return true;
      }
      // Who sent it, for the per-client limit on new conversations; a field the client sent is overwritten.
      args[0] = JSON.stringify({ ...frame.raw, [CLIENT_FIELD]: client });
      if (!users.has(frame.user)) {
        users.add(frame.user);
        const set = this.socketsByUser.get(frame.user) ?? new Set<WebSocket>();
        set.add(ws);
        this.socketsByUser.set(frame.user, set);
      }
      return emit(event, ...args);
    }) as typeof ws.emit;
    ws.on('close', () => {
      for (const user of users) this.forget(user, ws);
    });
    this.server.emit('connection', ws, req);
  }

  private forget(user: string, ws: WebSocket): void {
    const set = this.socketsByUser.get(user);
    set?.delete(ws);
    if (set && set.size === 0) this.socketsByUser.delete(user);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (context.activity.channelId !== 'websocket') return super.sendActivities(context, activities);
    for (const activity of activities) {
      const message: Record<string, unknown> = { type: activity.type, text: activity.text, ...(activity.channelData ?? {}) };
      const frame = JSON.stringify(message);
      const user = String(activity.recipient?.id);
      this.deliver(user, frame);
      // Replies also reach the user's tabs on other instances (Redis pub/sub, when configured).
      if (message.type === 'message') this.onReply?.(user, frame);
    }
    return [];
  }

  /** Set by the web channel when several instances share Redis: publishes a reply to the others. */
  onReply: ((user: string, frame: string) => void) | undefined;

  /** Sends a frame to every socket of `user` connected to this instance; false when there is none. */
  deliver(user: string, frame: string): boolean {
    const sockets = this.socketsByUser.get(user);
    for (const ws of sockets ?? []) {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    }
    return !!sockets?.size;
  }

  /** Number of browsers connected right now. */
  connectionCount(): number {
    return this.server ? this.server.clients.size : 0;
  }

  /** Closes every socket (code 1001 "going away": the page reconnects to the restarted server). */
  async close(): Promise<void> {
    for (const t of this.heartbeats) clearInterval(t);
    this.heartbeats = [];
    if (!this.server) return;
    for (const ws of this.server.clients) ws.close(1001, 'server shutting down');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        for (const ws of this.server.clients) ws.terminate();
        resolve();
      }, 1000);
      this.server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** The frame field that carries the sender's address to the controller. */
export const CLIENT_FIELD = 'rlb_client';

function parseFrame(raw: unknown): { user: string; type: string; raw: Record<string, unknown> } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(String(raw));
  } catch {
    return null;
  }
  if (!frame || typeof frame !== 'object' || Array.isArray(frame)) return null;
  const { user, type } = frame as { user?: unknown; type?: unknown };
  if (!isValidUserId(user) || typeof type !== 'string' || !FRAME_TYPES.has(type)) return null;
  return { user, type, raw: frame as Record<string, unknown> };
}

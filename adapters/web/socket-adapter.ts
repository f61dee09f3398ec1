// botbuilder-adapter-web with three fixes for a long-running server that shares its HTTP port:
// - the WebSocket server is attached in `noServer` mode, so the web channel only takes upgrades on
//   its own path (Botkit would attach it to a server it creates itself);
// - replies go to every open socket of the user, tracked here: the stock adapter keeps one socket
//   per user in a module-wide map and forgets the user when an *old* tab closes after a reload;
// - the adapter's heartbeat timer is kept so stop() can clear it (the stock one runs forever).
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { WebSocket, WebSocketServer } from 'ws';

export class WebSocketChannelAdapter extends WebAdapter {
  private readonly socketsByUser = new Map<string, Set<WebSocket>>();
  private heartbeats: ReturnType<typeof setInterval>[] = [];

  constructor(maxPayloadBytes: number) {
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
    this.server.on('connection', (ws: WebSocket) => this.track(ws));
  }

  private track(ws: WebSocket): void {
    let user: string | undefined;
    ws.on('message', (raw) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(raw));
      } catch {
        return; // the stock adapter logs and drops unparsable frames
      }
      const next = (parsed as { user?: unknown })?.user;
      if (typeof next !== 'string' || next === user) return;
      if (user) this.socketsByUser.get(user)?.delete(ws);
      user = next;
      const set = this.socketsByUser.get(user) ?? new Set<WebSocket>();
      set.add(ws);
      this.socketsByUser.set(user, set);
    });
    ws.on('close', () => {
      if (!user) return;
      const set = this.socketsByUser.get(user);
      set?.delete(ws);
      if (set && set.size === 0) this.socketsByUser.delete(user);
    });
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    if (context.activity.channelId !== 'websocket') return super.sendActivities(context, activities);
    for (const activity of activities) {
      const message: Record<string, unknown> = { type: activity.type, text: activity.text, ...(activity.channelData ?? {}) };
      const frame = JSON.stringify(message);
      for (const ws of this.socketsByUser.get(String(activity.recipient?.id)) ?? []) {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      }
    }
    return [];
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

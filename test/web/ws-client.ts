// A minimal web-chat client for tests: speaks the page's protocol over a real WebSocket to /ws.
import WebSocket from 'ws';

export interface BotFrame {
  type: string;
  /** On history frames: the visitor id the server issued. */
  user?: string;
  text?: string;
  options?: { id: string; label: string }[];
  reply_to?: string;
  intent?: string;
  state?: string;
  cause?: string | null;
  /** A person at the support desk wrote it (their label). */
  agent?: string;
  /** The bot stayed quiet: a person holds the conversation. */
  silent?: boolean;
  messages?: { from: 'user' | 'bot'; text: string; options?: { id: string; label: string }[] }[];
}

export class ChatSocket {
  readonly frames: BotFrame[] = [];
  private waiters: { match: (f: BotFrame) => boolean; resolve: (f: BotFrame) => void }[] = [];
  private seq = 0;
  /** Test names of visitors → the ids the server issued them (ids are the server's, as for the page). */
  private readonly ids = new Map<string, string>();
  private readonly greeting = new Map<string, Promise<BotFrame>>();
  private hellos: Promise<unknown> = Promise.resolve();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as BotFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }

  static async open(baseUrl: string, headers: Record<string, string> = {}): Promise<ChatSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('WebSocket did not open within 5 s')), 5000);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return new ChatSocket(ws);
  }

  get socket(): WebSocket {
    return this.ws;
  }

  /** Resolves with the first frame (already received or future) that matches. */
  next(match: (f: BotFrame) => boolean, what: string, timeoutMs = 10_000): Promise<BotFrame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Says hello as `user` (its issued id once known) and keeps the id the server sends back. */
  hello(user: string): Promise<BotFrame> {
    // History frames carry no reply_to: hellos on one socket go one at a time so each gets its own.
    const run = this.hellos.then(() => this.helloNow(user));
    this.hellos = run.catch(() => undefined);
    return run;
  }

  private async helloNow(user: string): Promise<BotFrame> {
    const before = this.frames.length;
    this.raw({ type: 'hello', user: this.ids.get(user) ?? user, channel: 'websocket' });
    const frame = await this.next((f) => f.type === 'history' && this.frames.indexOf(f) >= before, 'the history frame');
    if (frame.user) this.ids.set(user, frame.user);
    return frame;
  }

  /** The id the server issued to `user`, once it said hello (or spoke). */
  idOf(user: string): string | undefined {
    return this.ids.get(user);
  }

  /** Uses an id issued on another socket (a second tab of the same browser). */
  adopt(user: string, id: string): void {
    this.ids.set(user, id);
  }

  /** Sends a message and waits for the bot's reply to it (saying hello first for a new visitor). */
  async say(user: string, text: string, optionId?: string): Promise<BotFrame> {
    if (!this.ids.has(user)) {
      // One hello per visitor, even when several messages start at once.
      let pending = this.greeting.get(user);
      if (!pending) this.greeting.set(user, (pending = this.hello(user)));
      await pending;
    }
    const mid = `t${++this.seq}${Date.now().toString(36)}`;
    this.raw({ type: 'message', user: this.ids.get(user), channel: 'websocket', text, mid, ...(optionId ? { option_id: optionId } : {}) });
    return this.next((f) => f.type === 'message' && f.reply_to === mid, `the reply to "${text}"`);
  }

  raw(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close();
    });
  }
}

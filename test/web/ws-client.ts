// A minimal web-chat client for tests: speaks the page's protocol over a real WebSocket to /ws.
import WebSocket from 'ws';

export interface BotFrame {
  type: string;
  text?: string;
  options?: { id: string; label: string }[];
  reply_to?: string;
  intent?: string;
  state?: string;
  cause?: string | null;
  messages?: { from: 'user' | 'bot'; text: string; options?: { id: string; label: string }[] }[];
}

export class ChatSocket {
  readonly frames: BotFrame[] = [];
  private waiters: { match: (f: BotFrame) => boolean; resolve: (f: BotFrame) => void }[] = [];
  private seq = 0;

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

  async hello(user: string): Promise<BotFrame> {
    const before = this.frames.length;
    this.raw({ type: 'hello', user, channel: 'websocket' });
    return this.next((f) => f.type === 'history' && this.frames.indexOf(f) >= before, 'the history frame');
  }

  /** Sends a message and waits for the bot's reply to it. */
  async say(user: string, text: string, optionId?: string): Promise<BotFrame> {
    const mid = `t${++this.seq}${Date.now().toString(36)}`;
    this.raw({ type: 'message', user, channel: 'websocket', text, mid, ...(optionId ? { option_id: optionId } : {}) });
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

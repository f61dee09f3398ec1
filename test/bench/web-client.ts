// A minimal web-chat client: one WebSocket per visitor, messages in botbuilder-adapter-web's client
// format ({ type, user, text, mid }), each reply matched to its message by `reply_to`. It says hello
// first and uses the visitor id the server issues in the history frame, as the chat page does.
import WebSocket from 'ws';

export class WebChatClient {
  private readonly waiting = new Map<string, (frame: Record<string, unknown>) => void>();
  private seq = 0;
  private onIssued: (() => void) | undefined;

  private constructor(
    private readonly ws: WebSocket,
    public user: string,
  ) {
    ws.on('message', (raw) => {
      let frame: Record<string, unknown>;
      try {
        frame = JSON.parse(String(raw)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (frame.type === 'history' && typeof frame.user === 'string') {
        this.user = frame.user;
        this.onIssued?.();
        return;
      }
      if (frame.type !== 'message' || typeof frame.reply_to !== 'string') return;
      const done = this.waiting.get(frame.reply_to);
      if (done) {
        this.waiting.delete(frame.reply_to);
        done(frame);
      }
    });
  }

  static connect(url: string, user: string, timeoutMs = 5000): Promise<WebChatClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`web chat socket did not open (and issue an id) within ${timeoutMs} ms`));
      }, timeoutMs);
      ws.once('open', () => {
        const client = new WebChatClient(ws, user);
        client.onIssued = () => {
          clearTimeout(timer);
          client.onIssued = undefined;
          resolve(client);
        };
        ws.send(JSON.stringify({ type: 'hello', user, channel: 'websocket' }));
      });
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Sends one message and resolves with the bot's reply frame. */
  say(text: string, timeoutMs = 5000): Promise<Record<string, unknown>> {
    const mid = `m${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(mid);
        reject(new Error(`no web chat reply to "${text.slice(0, 40)}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(mid, (frame) => {
        clearTimeout(timer);
        resolve(frame);
      });
      this.ws.send(JSON.stringify({ type: 'message', user: this.user, channel: 'websocket', text, mid }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

// The transcript shown when a browser reloads the chat page. Kept in the session store next to
// the conversation state, the user's words redacted, trimmed, and expiring with the conversation.
import type { SessionStore } from '../../src/store/types';
import type { AnswerOption } from '../../src/engine/types';
import { redactSecrets } from '../../src/engine/safety/redact';

export interface HistoryEntry {
  from: 'user' | 'bot';
  text: string;
  /** Answer chips; only the newest bot entry keeps them (older ones are no longer clickable). */
  options?: AnswerOption[];
  at: number;
}

/** Enough to scroll back through any diagnosis; older lines are dropped. */
export const MAX_HISTORY_ENTRIES = 100;

export const historyKey = (userId: string) => `web:history:${userId}`;

export class WebHistory {
  /** Appends for one user never interleave (two tabs may write at once). */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: SessionStore,
    private readonly ttlMs: number,
  ) {}

  async read(userId: string): Promise<HistoryEntry[]> {
    return (await this.store.get<HistoryEntry[]>(historyKey(userId))) ?? [];
  }

  append(userId: string, entries: HistoryEntry[]): Promise<void> {
    const previous = this.chains.get(userId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const history = (await this.read(userId)).map(({ options: _options, ...rest }) => rest as HistoryEntry);
      // The user's words are scrubbed of secrets; the bot's own text is stored as written.
      for (const e of entries) history.push(e.from === 'user' ? { ...e, text: redactSecrets(e.text).text } : e);
      await this.store.set(historyKey(userId), history.slice(-MAX_HISTORY_ENTRIES), this.ttlMs);
    });
    const tail = next.catch(() => undefined);
    this.chains.set(userId, tail);
    void tail.then(() => {
      if (this.chains.get(userId) === tail) this.chains.delete(userId);
    });
    return next;
  }
}

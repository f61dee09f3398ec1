// The transcript shown when a browser reloads the chat page. Kept in the session store next to
// the conversation state, the user's words redacted and cut as the bot read them, bounded by
// entries and bytes, and expiring with the conversation.
import type { SessionStore } from '../../src/store/types';
import type { AnswerOption } from '../../src/engine/types';
import { redactSecrets } from '../../src/engine/safety/redact';
import { quarantine } from '../../src/store/quarantine';
import { SEED_PLACEHOLDER, scrubTrailingSeedWords } from '../../src/engine/safety/seed';

export interface HistoryEntry {
  /** `agent`: a person at the support desk wrote it (shown as plain text under their name). */
  from: 'user' | 'bot' | 'agent';
  text: string;
  /** The agent's display name, on `agent` entries. */
  agent?: string;
  /** Answer chips; only the newest bot entry keeps them (older ones are no longer clickable). */
  options?: AnswerOption[];
  at: number;
  /** A bot entry's language: a reload shows the page in the conversation's language. */
  language?: string;
}

/** Enough to scroll back through any diagnosis; older lines are dropped. */
export const MAX_HISTORY_ENTRIES = 100;
/** One transcript never takes more than this in the store (JSON bytes); older lines are dropped. */
export const MAX_HISTORY_BYTES = 64 * 1024;
/** A single entry is cut to this, so that one message cannot push out the whole transcript. */
export const MAX_ENTRY_CHARS = 8 * 1024;

export const historyKey = (userId: string) => `web:history:${userId}`;

const isEntry = (e: unknown): e is HistoryEntry =>
  !!e && typeof e === 'object' && ['user', 'bot', 'agent'].includes((e as HistoryEntry).from) && typeof (e as HistoryEntry).text === 'string';

export class WebHistory {
  /** Appends for one user never interleave (two tabs may write at once). */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: SessionStore,
    private readonly ttlMs: number,
    private readonly onQuarantine: (key: string) => void = () => undefined,
  ) {}

  async read(userId: string): Promise<HistoryEntry[]> {
    const key = historyKey(userId);
    const stored = await this.store.get<unknown>(key);
    if (stored === undefined) return [];
    if (Array.isArray(stored) && stored.every(isEntry)) return stored;
    // Valid JSON, wrong shape: set it aside and start the transcript fresh.
    await quarantine(this.store, key, stored, 'not a web transcript');
    this.onQuarantine(key);
    return [];
  }

  append(userId: string, entries: HistoryEntry[]): Promise<void> {
    const previous = this.chains.get(userId) ?? Promise.resolve();
    const next = previous.then(async () => {
      await this.read(userId); // sets a malformed transcript aside first
      const change = (stored: HistoryEntry[] | undefined) => withEntries(Array.isArray(stored) ? stored : [], entries);
      // One transaction where the store has them (SQLite); otherwise get and set, serialised per user here.
      if (this.store.update) await this.store.update<HistoryEntry[]>(historyKey(userId), change, this.ttlMs);
      else await this.store.set(historyKey(userId), change(await this.store.get<HistoryEntry[]>(historyKey(userId))), this.ttlMs);
    });
    const guarded: Promise<unknown> = next
      .catch(() => undefined)
      .then(() => {
        if (this.chains.get(userId) === guarded) this.chains.delete(userId);
      });
    this.chains.set(userId, guarded);
    return next;
  }
}

/** The transcript with `entries` appended: user words redacted, old chips dropped, bounded. */
function withEntries(stored: HistoryEntry[], entries: HistoryEntry[]): HistoryEntry[] {
  const history = stored.map(({ options: _options, ...rest }) => rest as HistoryEntry);
  for (const e of entries) {
    // The user's words are scrubbed of secrets (again: cheap, and safe if a caller forgot).
    const text = (e.from === 'user' ? redactSecrets(e.text).text : e.text).slice(0, MAX_ENTRY_CHARS);
    if (e.from === 'user' && text.trimStart().startsWith(SEED_PLACEHOLDER)) {
      // A seed phrase completed by this message began at the end of the previous one.
      const previous = [...history].reverse().find((h) => h.from === 'user');
      if (previous) previous.text = scrubTrailingSeedWords(previous.text);
    }
    history.push({ ...e, text });
  }
  return bounded(history);
}

/** The newest entries that fit MAX_HISTORY_ENTRIES and MAX_HISTORY_BYTES. */
export function bounded(history: HistoryEntry[]): HistoryEntry[] {
  let out = history.slice(-MAX_HISTORY_ENTRIES);
  let bytes = Buffer.byteLength(JSON.stringify(out));
  while (out.length > 1 && bytes > MAX_HISTORY_BYTES) {
    bytes -= Buffer.byteLength(JSON.stringify(out[0])) + 1;
    out = out.slice(1);
  }
  return out;
}

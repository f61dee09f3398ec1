// Runs conversations for every channel: loads state, calls the pure engine, saves state,
// applies abuse limits and hand-off bookkeeping. Adapters talk to this and nothing else.
import { EventEmitter } from 'node:events';
import type { Engine, MessageKey } from './api';
import type { ConversationState } from './state';
import type { Cause, ChannelName, ConversationRef, HandoffSummary, TriageResult, Turn, UserInput } from '../shared/types';
import type { SessionStore } from '../store/types';
import { RateLimiter } from './rate-limiter';
import { StoreWriteError } from '../store/types';
import { looksLikeConversationState } from './state-guard';
import { quarantine } from '../store/quarantine';
import { redactSecrets, type SafetyContext } from './safety/redact';
import { SEED_PLACEHOLDER, scrubTrailingSeedWords } from './safety/seed';

/** The stored state plus what redaction carries from one message to the next (no secrets). */
type StoredState = ConversationState & { safety?: SafetyContext };

/**
 * What a hand-off means in a channel: `agents` (Slack, Discord) keeps the conversation with a
 * person until released; `self_serve` (the web chat, no agent desk) gives the turn its summary for
 * the user to take to support, and the bot keeps answering.
 */
export type HandoffMode = 'agents' | 'self_serve';

export interface ServiceOptions {
  engine: Engine;
  /** Per channel; channels not named use `agents`. */
  handoffModes?: Partial<Record<ChannelName, HandoffMode>>;
  store: SessionStore;
  /** How long a conversation is kept in the store after its last message. */
  retentionMs?: number;
  /**
   * An idle conversation starts over (the engine's rule), so only hand-offs need keeping for
   * retentionMs; the others expire after this long and stop counting against maxConversations.
   */
  idleMs?: number;
  maxMessageChars?: number;
  rateLimitPerMinute?: number;
  maxConversations?: number;
  now?: () => number;
}

export type ClaimResult = 'claimed' | 'already_claimed' | 'not_handed_off';

/**
 * The agent desk (src/desk/), when one is configured: told when a turn hands a conversation to a
 * person (what it returns is added to the reply: queue position, expected wait) and of every message
 * the user writes while the conversation is with the desk (copied to the agents, redacted).
 */
export interface DeskHooks {
  opened(ref: ConversationRef, turn: Turn): Promise<string | null>;
  userWrote(ref: ConversationRef, turn: Turn): Promise<void>;
}

export interface ServiceEvents {
  turn: [ref: ConversationRef, turn: Turn, latencyMs: number];
  handoff: [ref: ConversationRef, summary: HandoffSummary];
  /** A stored record had the wrong shape: it was set aside and the user starts fresh. */
  quarantined: [key: string, reason: string];
  /** The store could not save; the user was told and nothing was acknowledged. */
  storeFailed: [ref: ConversationRef, err: Error];
  /** The agent desk could not record a hand-off or copy a message to the agents. */
  deskFailed: [ref: ConversationRef, err: Error];
}

export function conversationKey(ref: Pick<ConversationRef, 'channel' | 'conversationId'>): string {
  return `conv:${ref.channel}:${ref.conversationId}`;
}

export class ConversationService extends EventEmitter<ServiceEvents> {
  /** Private: adapters use the methods below, never the engine. */
  private readonly engine: Engine;
  private readonly handoffModes: Partial<Record<ChannelName, HandoffMode>>;
  private readonly store: SessionStore;
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly idleMs: number;
  private readonly maxMessageChars: number;
  private readonly maxConversations: number;
  private readonly limiter: RateLimiter;
  private readonly rateLimitPerMinute: number;
  /** Per-conversation promise chains: two messages of one conversation never race. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private accepting = true;
  private desk: DeskHooks | null = null;

  constructor(opts: ServiceOptions) {
    super();
    this.engine = opts.engine;
    this.handoffModes = opts.handoffModes ?? {};
    this.store = opts.store;
    this.now = opts.now ?? Date.now;
    this.retentionMs = opts.retentionMs ?? 7 * 24 * 3600_000;
    this.idleMs = Math.min(opts.idleMs ?? this.retentionMs, this.retentionMs);
    this.maxMessageChars = opts.maxMessageChars ?? 4000;
    this.maxConversations = opts.maxConversations ?? 50_000;
    this.rateLimitPerMinute = opts.rateLimitPerMinute ?? 30;
    this.limiter = new RateLimiter(this.rateLimitPerMinute, 60_000, this.now);
  }

  /** Connects the agent desk; from then on every channel hands off to it (none is self-serve). */
  useDesk(desk: DeskHooks | null): void {
    this.desk = desk;
  }

  /** Handles one user message; the turn is `silent` while an agent holds the conversation. */
  handle(ref: ConversationRef, input: UserInput): Promise<Turn> {
    if (!this.accepting) return Promise.resolve(this.fixedTurn(ref, input, 'shutting_down'));
    const key = conversationKey(ref);
    return this.serialise(key, () => this.handleNow(ref, key, input)).catch((err: unknown) => {
      // The shared store's lock or limit could not be reached: nothing was done, so nothing is acknowledged.
      if (!(err instanceof StoreWriteError)) throw err;
      this.emit('storeFailed', ref, err);
      return this.fixedTurn(ref, input, 'cannot_save');
    });
  }

  /** The per-user rate limit: shared by every instance when the store is (Redis), else this process's. */
  private async allowed(user: string): Promise<boolean> {
    if (this.store.rateLimit) return this.store.rateLimit(user, this.rateLimitPerMinute, 60_000);
    return this.limiter.allow(user);
  }

  private async handleNow(ref: ConversationRef, key: string, input: UserInput): Promise<Turn> {
    const started = process.hrtime.bigint();
    try {
      if (!(await this.allowed(`${ref.channel}:${ref.userId}`))) return this.fixedTurn(ref, input, 'rate_limited');
      let state = await this.loadState(key);
      if (!state && (await this.store.count('conv:')) >= this.maxConversations) return this.fixedTurn(ref, input, 'busy');
      const selfServe = this.handoffMode(ref.channel) === 'self_serve';
      // A self-serve channel is never held by a person (a hand-off kept from an older version is let go).
      if (selfServe && state?.handoff) state = { ...state, handoff: null, misunderstandings: 0 };

      // Redaction with what the previous message left (login talk, the start of a seed phrase);
      // the engine then cuts long text (and says so) in its read stage, after redaction.
      const carried = (state as StoredState | undefined)?.safety;
      const redaction = redactSecrets(typeof input.text === 'string' ? input.text : '', carried);
      const redacted = { ...input, text: redaction.text };
      let result: ReturnType<Engine['step']>;
      try {
        result = this.engine.step(state, redacted, this.now(), { maxChars: this.maxMessageChars });
      } catch (err) {
        // A record the engine cannot read must not fail every later message of this user.
        if (!state) throw err;
        await this.setAside(key, state, `engine could not read it: ${(err as Error).message}`);
        result = this.engine.step(undefined, redacted, this.now(), { maxChars: this.maxMessageChars });
      }
      state = result.state;
      if (selfServe && state.handoff) state = { ...state, handoff: null, misunderstandings: 0 };
      (state as StoredState).safety = redaction.context;
      // This message completed a seed phrase begun in the previous one: scrub that one's end too.
      const words = state.recentUserWords;
      if (carried?.trailingSeedWords && redaction.text.trimStart().startsWith(SEED_PLACEHOLDER) && words.length >= 2) {
        words[words.length - 2] = scrubTrailingSeedWords(words[words.length - 2]!);
      }
      let turn = result.turn;
      await this.store.set(key, state, state.handoff ? this.retentionMs : this.idleMs);
      if (this.desk) turn = await this.toDesk(ref, turn);
      return this.finished(ref, turn, started);
    } catch (err) {
      if (!(err instanceof StoreWriteError)) throw err;
      // Never acknowledge what was not saved: the user hears that nothing was kept.
      this.emit('storeFailed', ref, err);
      return this.fixedTurn(ref, input, 'cannot_save');
    }
  }

  /** A hand-off opens a desk record (the user hears their place in the queue); held messages go to the agents. */
  private async toDesk(ref: ConversationRef, turn: Turn): Promise<Turn> {
    const desk = this.desk!;
    try {
      if (turn.handoff) {
        const waiting = await desk.opened(ref, turn);
        if (waiting) return { ...turn, reply: [turn.reply, waiting].filter(Boolean).join('\n\n') };
      } else if (turn.silent) {
        await desk.userWrote(ref, turn);
      }
    } catch (err) {
      // The conversation is saved; the desk's own failure must not lose the user's turn.
      this.emit('deskFailed', ref, err as Error);
    }
    return turn;
  }

  /** The stored state, or undefined when there is none or it had the wrong shape (then set aside). */
  private async loadState(key: string): Promise<ConversationState | undefined> {
    const state = await this.store.get<unknown>(key);
    if (state === undefined) return undefined;
    if (looksLikeConversationState(state)) return state;
    await this.setAside(key, state, 'not a conversation state');
    return undefined;
  }

  private async setAside(key: string, value: unknown, reason: string): Promise<void> {
    await quarantine(this.store, key, value, reason);
    this.emit('quarantined', key, reason);
  }

  private finished(ref: ConversationRef, turn: Turn, started: bigint): Turn {
    const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    this.emit('turn', ref, turn, latencyMs);
    if (turn.handoff) this.emit('handoff', ref, turn.handoff);
    return turn;
  }

  handoffMode(channel: ChannelName): HandoffMode {
    if (this.desk && channel !== 'cli') return 'agents';
    return this.handoffModes[channel] ?? 'agents';
  }

  /** A fixed message for adapters (agent joined, busy, …), placeholders filled. */
  message(key: MessageKey, vars?: Record<string, string>, language?: string): string {
    return this.engine.message(key, vars, language);
  }

  /** A hand-off summary as text for an agent channel. */
  formatHandoff(summary: HandoffSummary): string {
    return this.engine.formatHandoff(summary);
  }

  /** The agents' language (AGENT_LANGUAGE): triage cards and the desk are written in it. */
  get agentLanguage(): string {
    return this.engine.agentLanguage;
  }

  /** A cause in plain words (the title of its explanation). */
  causeTitle(cause: Cause, language?: string): string {
    return this.engine.causeTitle(cause, language);
  }

  /** An agent takes the conversation; the bot stays quiet until release(). */
  claim(ref: Pick<ConversationRef, 'channel' | 'conversationId'>, agent: string): Promise<ClaimResult> {
    const key = conversationKey(ref);
    return this.serialise(key, async () => {
      const state = await this.store.get<ConversationState>(key);
      if (!state?.handoff) return 'not_handed_off';
      if (state.handoff.status === 'claimed') return 'already_claimed';
      state.handoff = { ...state.handoff, status: 'claimed', agent };
      await this.store.set(key, state, this.retentionMs);
      return 'claimed';
    });
  }

  /** Gives the conversation back to the bot ("Release") or closes it ("Resolved"). */
  release(ref: Pick<ConversationRef, 'channel' | 'conversationId'>, resolved = false): Promise<boolean> {
    const key = conversationKey(ref);
    return this.serialise(key, async () => {
      const state = await this.store.get<ConversationState>(key);
      if (!state?.handoff) return false;
      if (resolved) {
        await this.store.delete(key);
      } else {
        state.handoff = null;
        state.misunderstandings = 0;
        await this.store.set(key, state, this.retentionMs);
      }
      return true;
    });
  }

  /** Gives a still-unclaimed hand-off back to the bot (the desk's timeout); false when claimed or closed meanwhile. */
  releaseIfWaiting(ref: Pick<ConversationRef, 'channel' | 'conversationId'>): Promise<boolean> {
    const key = conversationKey(ref);
    return this.serialise(key, async () => {
      const state = await this.store.get<ConversationState>(key);
      if (state?.handoff?.status !== 'waiting') return false;
      state.handoff = null;
      state.misunderstandings = 0;
      await this.store.set(key, state, this.retentionMs);
      return true;
    });
  }

  /** A cause's agent macro: the reply an agent can send for it (with the secret warning when one was shared). */
  macro(cause: Cause | null, secretShared: boolean, language?: string): string {
    return this.engine.macro(cause, secretShared, language);
  }

  /** The hand-off of a conversation, or null. */
  async handoffStatus(ref: Pick<ConversationRef, 'channel' | 'conversationId'>) {
    const state = await this.store.get<ConversationState>(conversationKey(ref));
    return state?.handoff ?? null;
  }

  answerOnce(text: string): Turn {
    return this.engine.answer(text, { maxChars: this.maxMessageChars });
  }

  triage(text: string): TriageResult {
    // Tickets may be longer than chat messages.
    return this.engine.triage(text, { maxChars: Math.max(this.maxMessageChars, 20_000) });
  }

  /** Stops taking new messages and waits (bounded) for those in flight. */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await this.store.flush();
  }

  private fixedTurn(_ref: ConversationRef, input: UserInput, key: 'rate_limited' | 'busy' | 'shutting_down' | 'cannot_save'): Turn {
    const turn = this.engine.answer('');
    // Refused before the conversation was read: the message's own language is the best guess.
    const language = this.engine.languageOf(typeof input.text === 'string' ? input.text : '');
    return {
      ...turn,
      user: '',
      language,
      reply: this.engine.message(key, {}, language),
      options: [],
      state: key,
      flags: { ...turn.flags, truncated: (input.text ?? '').length > this.maxMessageChars },
    };
  }

  private serialise<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    this.inFlight++;
    // A shared store also serialises against the other instances (a lock per conversation in Redis),
    // which is what makes claims atomic: two agents on two instances cannot both read "waiting".
    const store = this.store;
    const run = store.withLock ? () => store.withLock!(key, work) : work;
    const next = previous.catch(() => undefined).then(run);
    // The map holds the guarded tail, so that is what must be compared: comparing the unguarded
    // promise never matched and kept every conversation's last Promise (and its Turn) forever.
    const guarded: Promise<unknown> = next
      .finally(() => {
        this.inFlight--;
        if (this.chains.get(key) === guarded) this.chains.delete(key);
      })
      .catch(() => undefined);
    this.chains.set(key, guarded);
    return next;
  }
}

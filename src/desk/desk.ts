// The agent desk: one queue of hand-offs from every channel, served from one agents' channel
// (Slack or Discord). It keeps a record per hand-off, its queue position, claims (atomic: the
// service's per-conversation lock, shared across instances on Redis), release/resolve, the timeout,
// support hours, the audit trail, and routes relays between the agents' thread and the user's channel.
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { ChannelName, ConversationRef, Turn } from '../shared/types';
import type { ClaimResult, ConversationService, DeskHooks } from '../engine/service';
import type { SessionStore } from '../store/types';
import type { DeskConfig, ExchangeConfig } from '../config';
import type { Logger } from '../ops/logger';
import { redactSecrets } from '../engine/safety/redact';
import { neutraliseUserText } from '../engine/safety/markup';
import type { AuditEntry, CardPlace, DeliverToUser, DeskAgent, DeskName, DeskPort, HandoffRecord, UserMessage } from './types';
import type { DeskBus, DeskJob } from './bus';
import { deskTextsFor, format, formatDuration, type DeskTexts } from './texts';
import { withinSupportHours } from './support-hours';
import { DEFAULT_LANGUAGE } from '../language/languages';

/** Records, audit trails and the conversation → record index are kept this long. */
export const DESK_MEMORY_MS = 30 * 24 * 3600_000;
/** Claims older than this do not count towards the median time to claim. */
const MEDIAN_WINDOW_MS = 3600_000;
/** Lines of audit kept per hand-off (a long chat keeps its newest lines). */
const MAX_AUDIT = 500;
const MAX_TEXT = 4000;

const recordKey = (id: string) => `desk:h:${id}`;
const auditKey = (id: string) => `desk:audit:${id}`;
const convKey = (ref: Pick<ConversationRef, 'channel' | 'conversationId'>) => `desk:conv:${ref.channel}:${ref.conversationId}`;
const OPEN_KEY = 'desk:open';
const CLAIMS_KEY = 'desk:claims';
const timeoutMark = (id: string) => `desk:timed-out:${id}`;

/** Thread messages that stay among agents. */
export const INTERNAL_NOTE = /^\s*(?:note:|\/\/)/i;

export type DeskService = Pick<ConversationService, 'claim' | 'release' | 'releaseIfWaiting' | 'handoffStatus' | 'triage' | 'message' | 'causeTitle' | 'macro'>;

export interface DeskEvents {
  opened: [record: HandoffRecord];
  claimed: [record: HandoffRecord, waitedMs: number];
  closed: [record: HandoffRecord, openMs: number];
  timedOut: [record: HandoffRecord];
}

export type AgentMessageResult = { kind: 'relayed'; claimed: boolean } | { kind: 'note' } | { kind: 'internal'; holder: DeskAgent } | { kind: 'closed' };

export interface DeskOptions {
  config: DeskConfig;
  exchange: ExchangeConfig;
  service: DeskService;
  store: SessionStore;
  logger: Logger;
  now?: () => number;
  /** The agents' language (AGENT_LANGUAGE): cards, status lines. Default: English. */
  agentLanguage?: string;
}

export class Desk extends EventEmitter<DeskEvents> implements DeskHooks {
  /** The agents' texts (card, status). */
  readonly texts: DeskTexts;
  readonly platform: DeskName;
  private readonly deliverers = new Map<ChannelName, DeliverToUser>();
  private readonly names = new Map<ChannelName, (ref: ConversationRef) => Promise<string | undefined>>();
  private port: DeskPort | null = null;
  private bus: DeskBus | null = null;
  private readonly chains = new Map<string, Promise<unknown>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private sweeping: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly agentLanguage: string;

  constructor(private readonly opts: DeskOptions) {
    super();
    this.agentLanguage = opts.agentLanguage ?? DEFAULT_LANGUAGE;
    this.texts = deskTextsFor(this.agentLanguage);
    this.platform = opts.config.on;
    this.now = opts.now ?? Date.now;
  }

  /** What the user of a hand-off reads: their conversation's language (records from before it had one: the default). */
  private userTexts(record: HandoffRecord): DeskTexts {
    return deskTextsFor(record.language ?? DEFAULT_LANGUAGE);
  }

  // ---- wiring ------------------------------------------------------------------------------

  /** A channel says how its users are reached; returns the unregister function. */
  registerDelivery(channel: ChannelName, deliver: DeliverToUser): () => void {
    this.deliverers.set(channel, deliver);
    return () => {
      if (this.deliverers.get(channel) === deliver) this.deliverers.delete(channel);
    };
  }

  /** A channel that can name its users (for the card). */
  registerNames(channel: ChannelName, lookup: (ref: ConversationRef) => Promise<string | undefined>): () => void {
    this.names.set(channel, lookup);
    return () => {
      if (this.names.get(channel) === lookup) this.names.delete(channel);
    };
  }

  /** The agents' channel adapter (on the instance that holds it). */
  registerDesk(port: DeskPort): () => void {
    this.port = port;
    return () => {
      if (this.port === port) this.port = null;
    };
  }

  useBus(bus: DeskBus): void {
    this.bus = bus;
  }

  /** Starts the timeout sweep (every instance sweeps; a mark in the store makes each timeout happen once). */
  start(): void {
    const every = Math.min(30_000, Math.max(250, Math.round(this.opts.config.timeoutMs / 5)));
    this.timer = setInterval(() => {
      this.sweeping = this.sweeping.then(() => this.sweep()).catch((err: Error) => this.opts.logger.warn({ error: err.message }, 'desk: timeout sweep failed'));
    }, every);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping.catch(() => undefined);
    await this.bus?.close();
    this.bus = null;
  }

  // ---- hooks the service calls ---------------------------------------------------------------

  /** A turn handed its conversation to a person: opens the record, queues the card, returns what the user is told. */
  async opened(ref: ConversationRef, turn: Turn): Promise<string | null> {
    const summary = turn.handoff;
    if (!summary) return null;
    const now = this.now();
    const triage = summary.userWords.length ? this.opts.service.triage(summary.userWords.join('\n')) : null;
    const top = triage?.causes.find((c) => c.cause === summary.likelyCause) ?? null;
    const outsideHours = !withinSupportHours(this.opts.config.supportHours, now);
    const record: HandoffRecord = {
      id: randomBytes(9).toString('base64url'),
      ref,
      status: 'waiting',
      language: turn.language,
      reason: summary.reason,
      createdAt: now,
      likelyCause: summary.likelyCause,
      causeConfidence: summary.causeConfidence,
      evidence: top?.evidence ?? [],
      missing: triage?.missingFacts ?? [],
      facts: summary.facts,
      transcript: summary.userWords,
      secretShared: turn.flags.secretShared || summary.userWords.some((w) => redactSecrets(w).kinds.length > 0),
      outsideHours,
    };
    await this.opts.store.set(recordKey(record.id), record, DESK_MEMORY_MS);
    await this.opts.store.set(convKey(ref), record.id, DESK_MEMORY_MS);
    const open = await this.update<string[]>(OPEN_KEY, (ids) => [...(ids ?? []), record.id]);
    await this.audit(record.id, { at: now, who: 'bot', what: 'opened', text: summary.reason });
    this.emit('opened', record);
    this.opts.logger.info({ id: record.id, channel: ref.channel, reason: record.reason }, 'desk: hand-off opened');
    // The card is posted after the user's turn is answered (it needs the agents' channel's API).
    this.job({ op: 'card', action: 'post', id: record.id }).catch((err: Error) =>
      this.opts.logger.error({ error: err.message, id: record.id }, 'desk: could not post the hand-off card'),
    );
    return this.waitingText(record, open, now);
  }

  /** A message the user wrote while their conversation is with the desk: copied to the card's thread, redacted. */
  async userWrote(ref: ConversationRef, turn: Turn): Promise<void> {
    const id = await this.opts.store.get<string>(convKey(ref));
    if (!id || !turn.user.trim()) return;
    const record = await this.record(id);
    if (!record || !isOpen(record)) return;
    // An agent writing straight into a Slack/Discord thread of the customer is not echoed back.
    if (ref.channel === this.platform && record.agent?.id === ref.userId) return;
    const text = turn.user.slice(0, MAX_TEXT);
    await this.audit(id, { at: this.now(), who: `user:${ref.userId}`, what: 'user', text });
    // A secret shared after the card was posted: the card says so too (the text itself is redacted).
    if (turn.flags.secretShared && !record.secretShared) {
      await this.mutate(id, (r) => ({ ...r, secretShared: true }));
      await this.job({ op: 'card', action: 'update', id });
    }
    await this.job({ op: 'thread', id, line: { from: 'user', text: neutraliseUserText(text) } });
  }

  // ---- what agents do ----------------------------------------------------------------------

  async record(id: string): Promise<HandoffRecord | undefined> {
    return this.opts.store.get<HandoffRecord>(recordKey(id));
  }

  async claim(id: string, agent: DeskAgent): Promise<{ result: ClaimResult; holder?: DeskAgent; record?: HandoffRecord }> {
    const record = await this.record(id);
    if (!record || !isOpen(record)) return { result: 'not_handed_off', record };
    const result = await this.opts.service.claim(record.ref, agent.id);
    if (result === 'already_claimed') {
      // The winner may not have written its name into the record yet: the conversation's state says who.
      const latest = (await this.record(id)) ?? record;
      const agentId = (await this.opts.service.handoffStatus(record.ref))?.agent;
      const holder = latest.agent ?? (agentId ? { id: agentId, name: agentId } : undefined);
      return { result, holder, record: latest };
    }
    if (result === 'not_handed_off') return { result, record };
    const now = this.now();
    const claimed = await this.mutate(id, (r) => ({ ...r, status: 'claimed', agent, claimedAt: now }));
    const waited = now - record.createdAt;
    await this.update<{ at: number; ms: number }[]>(CLAIMS_KEY, (list) => [
      ...(list ?? []).filter((c) => now - c.at < MEDIAN_WINDOW_MS),
      { at: now, ms: waited },
    ]);
    await this.audit(id, { at: now, who: agentWho(this.platform, agent), what: 'claimed' });
    this.emit('claimed', claimed, waited);
    this.opts.logger.info({ id, agent: agent.id, waitedMs: waited }, 'desk: hand-off claimed');
    await this.job({ op: 'card', action: 'update', id });
    await this.deliver(record.ref, { kind: 'notice', text: this.opts.service.message('agent_joined', { agent: nameInText(agent.name) }, record.language) });
    return { result, record: claimed };
  }

  /** An agent wrote in the card's thread. Notes stay internal; the first reply claims; only the holder is relayed. */
  async agentMessage(id: string, agent: DeskAgent, raw: string): Promise<AgentMessageResult> {
    const text = raw.trim().slice(0, MAX_TEXT);
    // Agents can paste secrets too (a reset link with a token, a customer's code): never relayed or stored.
    const redacted = redactSecrets(text).text;
    if (INTERNAL_NOTE.test(text)) {
      await this.audit(id, { at: this.now(), who: agentWho(this.platform, agent), what: 'note', text: redacted });
      return { kind: 'note' };
    }
    let record = await this.record(id);
    if (!record || !isOpen(record) || !text) return { kind: 'closed' };
    let claimed = false;
    if (record.status === 'waiting') {
      const c = await this.claim(id, agent);
      if (c.result === 'not_handed_off') return { kind: 'closed' };
      claimed = c.result === 'claimed';
      record = (await this.record(id)) ?? record;
    }
    if (record.agent && record.agent.id !== agent.id) {
      await this.audit(id, { at: this.now(), who: agentWho(this.platform, agent), what: 'internal', text: redacted });
      return { kind: 'internal', holder: record.agent };
    }
    await this.audit(id, { at: this.now(), who: agentWho(this.platform, agent), what: 'agent', text: redacted });
    await this.deliver(record.ref, { kind: 'agent', agent: format(this.userTexts(record).agent_label, { agent: agent.name }), text: redacted });
    return { kind: 'relayed', claimed };
  }

  /** Sends a cause's agent macro to the user, as the agent (claims when nobody has). */
  async sendMacro(id: string, agent: DeskAgent, cause: Parameters<DeskService['macro']>[0]): Promise<AgentMessageResult> {
    const record = await this.record(id);
    if (!record || !isOpen(record)) return { kind: 'closed' };
    const result = await this.agentMessage(id, agent, this.opts.service.macro(cause, record.secretShared, record.language));
    if (result.kind === 'relayed') {
      const title = cause ? this.opts.service.causeTitle(cause) : cause;
      await this.audit(id, { at: this.now(), who: agentWho(this.platform, agent), what: 'macro', text: cause ?? 'none' });
      await this.job({ op: 'thread', id, line: { from: 'desk', text: format(this.texts.macro_sent, { agent: agent.name, cause: title ?? '' }) } });
    }
    return result;
  }

  /** Release (back to the bot) or Resolve (closed; the next message starts a new conversation). */
  async close(id: string, agent: DeskAgent, resolved: boolean): Promise<HandoffRecord | null> {
    const record = await this.record(id);
    if (!record || !isOpen(record)) return null;
    const released = await this.opts.service.release(record.ref, resolved);
    const now = this.now();
    const closed = await this.mutate(id, (r) => ({ ...r, status: resolved ? 'resolved' : 'released', closedAt: now, closedBy: agent }));
    await this.update<string[]>(OPEN_KEY, (ids) => (ids ?? []).filter((x) => x !== id));
    await this.audit(id, { at: now, who: agentWho(this.platform, agent), what: resolved ? 'resolved' : 'released' });
    this.emit('closed', closed, now - record.createdAt);
    this.opts.logger.info({ id, agent: agent.id, resolved }, 'desk: hand-off closed');
    await this.job({ op: 'card', action: 'update', id });
    if (released)
      await this.deliver(record.ref, {
        kind: 'notice',
        text: this.opts.service.message(resolved ? 'agent_resolved' : 'agent_released', { agent: nameInText(agent.name) }, record.language),
      });
    return closed;
  }

  /** Open hand-offs, oldest first (for /regionlock status and the waiting gauge). */
  async openRecords(): Promise<HandoffRecord[]> {
    const ids = (await this.opts.store.get<string[]>(OPEN_KEY)) ?? [];
    const records = await Promise.all(ids.map((id) => this.record(id)));
    return records.filter((r): r is HandoffRecord => !!r && isOpen(r)).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Drops ids from the queue whose record expired or was closed elsewhere (keeps the list short). */
  private async pruneOpen(): Promise<void> {
    const ids = (await this.opts.store.get<string[]>(OPEN_KEY)) ?? [];
    const gone = new Set<string>();
    for (const id of ids) {
      const r = await this.record(id);
      if (!r || !isOpen(r)) gone.add(id);
    }
    if (gone.size) await this.update<string[]>(OPEN_KEY, (list) => (list ?? []).filter((x) => !gone.has(x)));
  }

  async auditTrail(id: string): Promise<AuditEntry[]> {
    return (await this.opts.store.get<AuditEntry[]>(auditKey(id))) ?? [];
  }

  /** Lines for /regionlock status (the agent platform formats names and times). */
  async statusLines(describe: (r: HandoffRecord) => string): Promise<string> {
    const open = await this.openRecords();
    if (!open.length) return this.texts.status_none;
    const now = this.now();
    const lines = open.map((r) => {
      const state =
        r.status === 'claimed' && r.agent
          ? format(this.texts.status_claimed, { agent: r.agent.name, duration: formatDuration(this.texts, now - r.createdAt) })
          : format(this.texts.status_waiting, { duration: formatDuration(this.texts, now - r.createdAt) });
      return `• ${describe(r)}: ${state}`;
    });
    return [format(this.texts.status_heading, { count: String(open.length) }), ...lines].join('\n');
  }

  // ---- timeout -----------------------------------------------------------------------------

  /** Hand-offs nobody claimed within HANDOFF_TIMEOUT_MINUTES: the user gets the support link and a summary. */
  async sweep(): Promise<void> {
    await this.pruneOpen();
    const now = this.now();
    for (const record of await this.openRecords()) {
      if (record.status !== 'waiting' || now - record.createdAt < this.opts.config.timeoutMs) continue;
      if (!(await this.opts.store.setIfAbsent(timeoutMark(record.id), 1, DESK_MEMORY_MS))) continue;
      // Atomic with claims: a claim that got in first wins, and the record is left alone.
      if (!(await this.opts.service.releaseIfWaiting(record.ref))) {
        await this.opts.store.delete(timeoutMark(record.id));
        continue;
      }
      const closed = await this.mutate(record.id, (r) => ({ ...r, status: 'timed_out', closedAt: now }));
      await this.update<string[]>(OPEN_KEY, (ids) => (ids ?? []).filter((x) => x !== record.id));
      await this.audit(record.id, { at: now, who: 'bot', what: 'timed_out' });
      this.emit('timedOut', closed);
      this.opts.logger.info({ id: record.id, channel: record.ref.channel }, 'desk: hand-off timed out');
      await this.job({ op: 'card', action: 'update', id: record.id });
      await this.deliver(record.ref, { kind: 'notice', text: this.timeoutNotice(closed) });
    }
  }

  private timeoutNotice(r: HandoffRecord): string {
    const t = this.userTexts(r);
    const cause = r.likelyCause ? this.opts.service.causeTitle(r.likelyCause, r.language) : null;
    const lines = [
      format(t.timed_out, {
        duration: formatDuration(t, this.opts.config.timeoutMs),
        exchange: this.opts.exchange.name,
        support_url: this.opts.exchange.supportUrl,
      }).trim(),
      '',
      t.summary_heading,
      cause ? format(t.summary_cause, { cause }) : t.summary_no_cause,
    ];
    if (r.facts.length) lines.push('', t.summary_facts, ...r.facts.map((f) => `- ${f}`));
    const words = r.transcript.filter((w) => w.trim());
    // Plain bullets: the user's own words never turn into formatting or links.
    if (words.length) lines.push('', t.summary_words, ...words.map((w) => `- ${neutraliseUserText(w.replace(/\s+/g, ' '))}`));
    return lines.join('\n');
  }

  private waitingText(record: HandoffRecord, open: string[], now: number): Promise<string> {
    return (async () => {
      const t = this.userTexts(record);
      const records = await Promise.all(open.map((id) => (id === record.id ? record : this.record(id))));
      const ahead = records.filter((r) => r && r.status === 'waiting' && r.createdAt <= record.createdAt && r.id !== record.id).length;
      const lines = [ahead === 0 ? t.queue_next : format(t.queue_position, { position: String(ahead + 1) })];
      const claims = ((await this.opts.store.get<{ at: number; ms: number }[]>(CLAIMS_KEY)) ?? []).filter((c) => now - c.at < MEDIAN_WINDOW_MS);
      if (claims.length) lines.push(format(t.median_claim, { duration: formatDuration(t, median(claims.map((c) => c.ms))) }));
      if (record.outsideHours && this.opts.config.supportHoursText) lines.push(format(t.outside_hours, { hours: this.opts.config.supportHoursText }));
      return lines.join(' ');
    })();
  }

  // ---- routing -----------------------------------------------------------------------------

  /** Delivers to the user in their channel, here or on the instance that can. */
  async deliver(ref: ConversationRef, message: UserMessage): Promise<void> {
    await this.job({ op: 'deliver', channel: ref.channel, ref, message });
  }

  /** Runs a job here when this instance can, else hands it to the others over the bus. */
  private async job(job: DeskJob): Promise<void> {
    if (await this.run(job)) return;
    if (this.bus) await this.bus.publish(job);
    else this.opts.logger.warn({ op: job.op }, 'desk: nothing on this instance can run this job');
  }

  /** For the bus: false when this instance cannot run the job. */
  async run(job: DeskJob): Promise<boolean> {
    if (job.op === 'deliver') {
      const deliver = this.deliverers.get(job.channel);
      if (!deliver) return false;
      await deliver(job.ref, job.message);
      return true;
    }
    const port = this.port;
    if (!port) return false;
    const record = await this.record(job.id);
    if (!record) return true;
    if (job.op === 'thread') {
      if (record.card) await port.postInThread(record, job.line);
      return true;
    }
    if (job.action === 'post') {
      if (!record.userName)
        record.userName = await this.names
          .get(record.ref.channel)?.(record.ref)
          .catch(() => undefined);
      const place: CardPlace = await port.postCard(record);
      await this.mutate(record.id, (r) => ({ ...r, card: place, userName: record.userName }));
    } else if (record.card) {
      await port.updateCard(record);
    }
    return true;
  }

  // ---- store helpers -------------------------------------------------------------------------

  private async mutate(id: string, fn: (r: HandoffRecord) => HandoffRecord): Promise<HandoffRecord> {
    return this.update<HandoffRecord>(recordKey(id), (r) => fn(r as HandoffRecord), DESK_MEMORY_MS);
  }

  private async audit(id: string, entry: AuditEntry): Promise<void> {
    await this.update<AuditEntry[]>(auditKey(id), (list) => [...(list ?? []), entry].slice(-MAX_AUDIT), DESK_MEMORY_MS);
  }

  /** Read-modify-write: in one transaction where the store has one (Redis, SQLite), else serialised here. */
  private update<T>(key: string, fn: (current: T | undefined) => T, ttlMs?: number): Promise<T> {
    const store = this.opts.store;
    if (store.update) return store.update<T>(key, fn, ttlMs);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const value = fn(await store.get<T>(key));
        await store.set(key, value, ttlMs);
        return value;
      });
    const tail = next.catch(() => undefined);
    this.chains.set(key, tail);
    void tail.then(() => {
      if (this.chains.get(key) === tail) this.chains.delete(key);
    });
    return next;
  }
}

/** An agent's display name inside one of the bot's Markdown notices: shown as typed, never as markup or a link. */
const nameInText = (name: string) => neutraliseUserText(name.slice(0, 80));

export const isOpen = (r: HandoffRecord) => r.status === 'waiting' || r.status === 'claimed';
const agentWho = (desk: DeskName, a: DeskAgent) => `agent:${desk}:${a.id}:${a.name}`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

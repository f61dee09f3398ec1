// Prometheus metrics for one running bot. A registry per bot (not prom-client's global one)
// so that several bots in one test process do not share counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ConversationService } from '../engine/service';
import type { ConversationRef, Turn } from '../engine/types';
import type { RunningChannel } from '../channels';
import type { SessionStore } from '../store/types';
import type { Desk } from '../desk/desk';

export interface BotMetrics {
  registry: Registry;
  /** Stops listening to the service. */
  detach(): void;
}

export function createMetrics(service: ConversationService, store: SessionStore, channels: () => RunningChannel[], desk: Desk | null = null): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'rlb_process_' });

  const messages = new Counter({
    name: 'rlb_messages_total',
    help: 'User messages answered by the bot, by channel.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const intents = new Counter({
    name: 'rlb_intents_total',
    help: 'Recognised intents (a message with two questions counts twice).',
    labelNames: ['intent'] as const,
    registers: [registry],
  });
  const causes = new Counter({
    name: 'rlb_causes_diagnosed_total',
    help: 'Diagnoses given to users, by likely cause.',
    labelNames: ['cause'] as const,
    registers: [registry],
  });
  const outOfScope = new Counter({
    name: 'rlb_out_of_scope_total',
    help: 'Messages the bot judged outside its subject.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  let answered = 0;
  let outOfScopeCount = 0;
  new Gauge({
    name: 'rlb_out_of_scope_ratio',
    help: 'Share of answered messages that were out of scope since start-up.',
    registers: [registry],
    collect() {
      this.set(answered === 0 ? 0 : outOfScopeCount / answered);
    },
  });
  const handoffs = new Counter({
    name: 'rlb_handoffs_total',
    help: 'Conversations handed to a person, by reason.',
    labelNames: ['channel', 'reason'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'rlb_turn_latency_seconds',
    help: 'Time to handle one user message (load state, engine, save state).',
    labelNames: ['channel'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'rlb_channel_connected',
    help: '1 when the channel is connected.',
    labelNames: ['channel'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const c of channels()) this.set({ channel: c.name }, c.connected() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'rlb_conversations_stored',
    help: 'Conversations currently kept in the session store.',
    registers: [registry],
    async collect() {
      this.set(await store.count('conv:'));
    },
  });

  // The store's own counters are read at scrape time (they live in the store, not in this registry).
  new Counter({
    name: 'rlb_store_write_failures_total',
    help: 'Session store writes that failed (disk full, read-only); the user was told nothing was saved.',
    registers: [registry],
    collect() {
      const h = store.health?.();
      if (h) this.reset(), this.inc(h.writeFailures);
    },
  });
  new Counter({
    name: 'rlb_store_evictions_total',
    help: 'Entries evicted (soonest to expire first) to keep the store under MAX_STORE_MB.',
    registers: [registry],
    collect() {
      const h = store.health?.();
      if (h) this.reset(), this.inc(h.evictions);
    },
  });
  new Gauge({
    name: 'rlb_store_bytes',
    help: 'Logical size of the session store (keys + values), bytes.',
    registers: [registry],
    collect() {
      this.set(store.health?.().bytes ?? 0);
    },
  });
  new Gauge({
    name: 'rlb_store_writable',
    help: '1 while the session store accepts writes.',
    registers: [registry],
    collect() {
      this.set(store.health?.().writable === false ? 0 : 1);
    },
  });
  const quarantined = new Counter({
    name: 'rlb_store_quarantined_total',
    help: 'Stored records with the wrong shape that were set aside (their users started fresh).',
    registers: [registry],
  });
  const onQuarantine = () => quarantined.inc();

  // A diagnosis is counted once per conversation: the turn on which a cause first appears.
  const diagnosed = new Set<string>();
  const onTurn = (ref: ConversationRef, turn: Turn, latencyMs: number) => {
    answered++;
    messages.inc({ channel: ref.channel });
    latency.observe({ channel: ref.channel }, latencyMs / 1000);
    const seen = turn.intents.length > 0 ? turn.intents.map((i) => i.intent) : [turn.intent];
    for (const intent of seen) intents.inc({ intent });
    if (turn.intent === 'out_of_scope') {
      outOfScopeCount++;
      outOfScope.inc({ channel: ref.channel });
    }
    const convKey = `${ref.channel}:${ref.conversationId}`;
    if (turn.cause && !diagnosed.has(`${convKey}:${turn.cause}`)) {
      // Bounded: the set only guards against double counting within a conversation.
      if (diagnosed.size > 100_000) diagnosed.clear();
      diagnosed.add(`${convKey}:${turn.cause}`);
      causes.inc({ cause: turn.cause });
    }
  };
  const onHandoff = (ref: ConversationRef, summary: { reason: string }) => {
    handoffs.inc({ channel: ref.channel, reason: summary.reason });
  };
  service.on('turn', onTurn);
  service.on('handoff', onHandoff);
  service.on('quarantined', onQuarantine);
  const detachDesk = desk ? deskMetrics(registry, desk) : () => undefined;

  return {
    registry,
    detach() {
      detachDesk();
      service.off('turn', onTurn);
      service.off('handoff', onHandoff);
      service.off('quarantined', onQuarantine);
    },
  };
}

/** The agent desk: hand-offs waiting (shared by every instance: read from the store), time to claim and to close, timeouts. */
function deskMetrics(registry: Registry, desk: Desk): () => void {
  const buckets = [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
  new Gauge({
    name: 'rlb_handoffs_waiting',
    help: 'Hand-offs waiting for an agent to claim them (all instances).',
    registers: [registry],
    async collect() {
      this.set((await desk.openRecords()).filter((r) => r.status === 'waiting').length);
    },
  });
  const toClaim = new Histogram({
    name: 'rlb_handoff_time_to_claim_seconds',
    help: 'From the hand-off to the first claim (Claim button or first reply).',
    labelNames: ['channel'] as const,
    buckets,
    registers: [registry],
  });
  const toResolve = new Histogram({
    name: 'rlb_handoff_time_to_resolve_seconds',
    help: 'From the hand-off to Resolve or Release.',
    labelNames: ['channel', 'outcome'] as const,
    buckets,
    registers: [registry],
  });
  const timeouts = new Counter({
    name: 'rlb_handoff_timeouts_total',
    help: 'Hand-offs nobody claimed within HANDOFF_TIMEOUT_MINUTES.',
    labelNames: ['channel'] as const,
    registers: [registry],
  });
  const onClaimed = (r: { ref: { channel: string } }, ms: number) => toClaim.observe({ channel: r.ref.channel }, ms / 1000);
  const onClosed = (r: { ref: { channel: string }; status: string }, ms: number) => toResolve.observe({ channel: r.ref.channel, outcome: r.status }, ms / 1000);
  const onTimeout = (r: { ref: { channel: string } }) => timeouts.inc({ channel: r.ref.channel });
  desk.on('claimed', onClaimed);
  desk.on('closed', onClosed);
  desk.on('timedOut', onTimeout);
  return () => {
    desk.off('claimed', onClaimed);
    desk.off('closed', onClosed);
    desk.off('timedOut', onTimeout);
  };
}

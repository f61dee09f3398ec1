// How the agent desk reaches web users. A browser gets the message on every socket of the visitor,
// on this instance and (through the reply bus, rlb:bus:web) on the others; the transcript keeps it
// for a reload. A backend on POST /api/messages has no socket: its messages wait in an outbox in the
// store and come back in the response to its next POST, before the bot's own reply.
import { StoreWriteError, type SessionStore } from '../../src/store/types';
import type { ConversationRef } from '../../src/engine/types';
import type { UserMessage } from '../../src/desk/types';
import type { WebSocketChannelAdapter } from './socket-adapter';
import type { WebHistory } from './history';
import { botMessage, type BotMessageFrame } from './protocol';

/** Messages kept for a backend that has not posted again; the oldest are dropped beyond this. */
const MAX_OUTBOX = 50;
const OUTBOX_MS = 7 * 24 * 3600_000;
export const outboxKey = (user: string) => `web:outbox:${user}`;
export const isApiUser = (user: string) => user.startsWith('api:');

export function deskFrame(message: UserMessage): BotMessageFrame {
  return message.kind === 'agent' ? botMessage(message.text, [], { agent: message.agent }) : botMessage(message.text, []);
}

export function webDelivery(store: SessionStore, adapter: WebSocketChannelAdapter, history: WebHistory) {
  return async (ref: ConversationRef, message: UserMessage): Promise<void> => {
    const user = ref.conversationId;
    const frame = deskFrame(message);
    if (isApiUser(user)) {
      const add = (list: BotMessageFrame[] | undefined) => [...(list ?? []), frame].slice(-MAX_OUTBOX);
      if (store.update) await store.update<BotMessageFrame[]>(outboxKey(user), add, OUTBOX_MS);
      else await store.set(outboxKey(user), add(await store.get<BotMessageFrame[]>(outboxKey(user))), OUTBOX_MS);
      return;
    }
    await history.append(user, [
      message.kind === 'agent'
        ? { from: 'agent', agent: message.agent, text: message.text, at: Date.now() }
        : { from: 'bot', text: message.text, at: Date.now() },
    ]);
    const raw = JSON.stringify(frame);
    adapter.deliver(user, raw);
    adapter.onReply?.(user, raw);
  };
}

/**
 * The messages waiting for a backend, removed from the outbox. Most calls find none and write
 * nothing; a store that cannot be read right now gives none (the turn itself then says so).
 */
export async function takeOutbox(store: SessionStore, user: string): Promise<BotMessageFrame[]> {
  try {
    const waiting = await store.get<BotMessageFrame[]>(outboxKey(user));
    if (!waiting?.length) return [];
    let taken: BotMessageFrame[] = [];
    const take = (list: BotMessageFrame[] | undefined) => {
      taken = list ?? [];
      return [] as BotMessageFrame[];
    };
    if (store.update) await store.update<BotMessageFrame[]>(outboxKey(user), take, OUTBOX_MS);
    else {
      taken = waiting;
      await store.delete(outboxKey(user));
    }
    return taken;
  } catch (err) {
    if (err instanceof StoreWriteError) return [];
    throw err;
  }
}

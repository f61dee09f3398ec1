import type { WebClient } from '@slack/web-api';
import type { ConversationRef, Turn, UserInput } from '../../src/engine/types';
import type { SlackDeps } from './deps';
import { SLACK_MEMORY_MS } from './deps';
import { renderReply, withoutButtons, type Block, type SlackMessage } from './render/blocks';
import { describeError } from './errors';
import { decodeSlackConversation, encodeSlackConversation } from './conversation-id';

export interface SlackPlace {
  channel: string;
  /** Set when the conversation is a thread (or the user wrote in a DM thread). */
  threadTs?: string;
}

export const dmConversationId = (team: string, channel: string) => encodeSlackConversation({ kind: 'dm', team, channel });
export const threadConversationId = (team: string, channel: string, threadTs: string) => encodeSlackConversation({ kind: 'thread', team, channel, threadTs });

/** Reads a conversation id back into where to post. */
export function placeOf(conversationId: string): SlackPlace | null {
  const c = decodeSlackConversation(conversationId);
  if (!c) return null;
  return c.kind === 'thread' ? { channel: c.channel, threadTs: c.threadTs } : { channel: c.channel };
}

export const isDirectMessageConversation = (conversationId: string) => decodeSlackConversation(conversationId)?.kind === 'dm';

export const slackRef = (conversationId: string, userId: string): ConversationRef => ({ channel: 'slack', conversationId, userId });

// Store keys (all namespaced under "slack:").
export const threadKey = (conversationId: string) => `slack:thread:${conversationId}`;
export const lastButtonsKey = (conversationId: string) => `slack:buttons:${conversationId}`;
export const answeredKey = (channel: string, ts: string) => `slack:answered:${channel}:${ts}`;

interface ButtonsMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Block[];
}

/** Posts one or more messages; returns the ts of each posted message. */
export async function postMessages(client: WebClient, place: SlackPlace, messages: SlackMessage[]): Promise<string[]> {
  const posted: string[] = [];
  for (const m of messages) {
    const res = await client.chat.postMessage({
      channel: place.channel,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      text: m.text,
      blocks: m.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (res.ts) posted.push(res.ts);
  }
  return posted;
}

/** Posts a turn's reply (nothing for a silent turn) and remembers the message that carries buttons. */
export async function postTurn(deps: SlackDeps, client: WebClient, place: SlackPlace, conversationId: string, turn: Turn): Promise<void> {
  if (turn.silent) return;
  const messages = renderReply(turn.reply, turn.options, conversationId);
  if (!messages.length) return;
  const posted = await postMessages(client, place, messages);
  if (turn.options.length && posted.length === messages.length) {
    const last = messages[messages.length - 1];
    const record: ButtonsMessage = { channel: place.channel, ts: posted[posted.length - 1], text: last.text, blocks: withoutButtons(last.blocks) };
    await deps.store.set(lastButtonsKey(conversationId), record, SLACK_MEMORY_MS);
  }
}

/**
 * Takes the buttons off the last question when the user answered by typing instead,
 * so no stale buttons are left in the conversation.
 */
export async function retireButtons(deps: SlackDeps, client: WebClient, conversationId: string, exceptTs?: string): Promise<void> {
  const key = lastButtonsKey(conversationId);
  const record = await deps.store.get<ButtonsMessage>(key);
  if (!record) return;
  await deps.store.delete(key);
  if (record.ts === exceptTs) return;
  try {
    await client.chat.update({ channel: record.channel, ts: record.ts, text: record.text, blocks: record.blocks });
  } catch (err) {
    deps.logger.warn({ error: describeError(err), conversationId }, 'slack: could not remove old answer buttons');
  }
}

export interface IncomingMessage {
  conversationId: string;
  place: SlackPlace;
  userId: string;
  input: UserInput;
  /** The message ts of the clicked buttons, when the input came from a button. */
  fromButtonsTs?: string;
}

/** One user message through the service and back to Slack. */
export async function converse(deps: SlackDeps, client: WebClient, msg: IncomingMessage): Promise<Turn> {
  await retireButtons(deps, client, msg.conversationId, msg.fromButtonsTs);
  const turn = await deps.service.handle(slackRef(msg.conversationId, msg.userId), msg.input);
  deps.logger.debug({ conversationId: msg.conversationId, intent: turn.intent, state: turn.state, silent: turn.silent }, 'slack turn');
  // While a person holds the conversation the service has passed the words on to the desk.
  if (turn.silent) return turn;
  await postTurn(deps, client, msg.place, msg.conversationId, turn);
  return turn;
}

export interface PrivateTarget {
  respond?: (message: Record<string, unknown>) => Promise<unknown>;
  client: WebClient;
  channel?: string;
  user: string;
}

/**
 * Shows messages to one person only: through the response_url when there is one, else as an
 * ephemeral message in the channel, else in a DM from the bot.
 */
export async function sendPrivately(deps: SlackDeps, target: PrivateTarget, messages: SlackMessage[]): Promise<void> {
  for (const m of messages) {
    if (target.respond) {
      try {
        await target.respond({ response_type: 'ephemeral', replace_original: false, text: m.text, blocks: m.blocks });
        continue;
      } catch (err) {
        deps.logger.warn({ error: describeError(err) }, 'slack: response_url failed, trying an ephemeral message');
      }
    }
    if (target.channel) {
      try {
        await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text: m.text, blocks: m.blocks });
        continue;
      } catch (err) {
        deps.logger.warn({ error: describeError(err) }, 'slack: ephemeral message failed, sending a DM');
      }
    }
    const opened = await target.client.conversations.open({ users: target.user });
    const dm = opened.channel?.id;
    if (!dm) throw new Error('conversations.open returned no channel');
    await target.client.chat.postMessage({ channel: dm, text: m.text, blocks: m.blocks, unfurl_links: false });
  }
}

// The JSON messages of the web chat, browser ↔ server (WebSocket frames, or the POST /api/messages body).
// Browser → server follows botbuilder-adapter-web's client format: { type, user, text, ... }.
import type { AnswerOption } from '../../src/engine/types';
import type { HistoryEntry } from './history';
import type { PageStrings } from './handoff-notice';

/** A per-browser id the server issues and the page keeps in localStorage; also the conversation id. */
const USER_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const OPTION_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function isValidUserId(user: unknown): user is string {
  return typeof user === 'string' && USER_ID.test(user);
}

export interface IncomingChat {
  text: string;
  /** Set when the user clicked an answer chip. */
  optionId?: string;
  /** The browser's id for this message, echoed in the reply (`reply_to`). */
  clientMessageId?: string;
}

/** Reads the fields the bot uses from a Botkit message; anything malformed is dropped. */
export function readIncoming(message: Record<string, unknown>): IncomingChat {
  const text = typeof message.text === 'string' ? message.text : '';
  const optionId = typeof message.option_id === 'string' && OPTION_ID.test(message.option_id) ? message.option_id : undefined;
  const clientMessageId = typeof message.mid === 'string' && CLIENT_MESSAGE_ID.test(message.mid) ? message.mid : undefined;
  return { text, optionId, clientMessageId };
}

/** Why a webhook body is refused, or null when it is usable. */
export function checkWebhookBody(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (!isValidUserId(b.user)) return '"user" must be a string of 1-128 letters, digits, "_", "-", ".", ":"';
  if (b.type !== 'message') return '"type" must be "message"';
  if (typeof b.text !== 'string') return '"text" must be a string';
  return null;
}

/** Server → browser: a bot message. `quick_replies` is the Botkit web client's name for chips. */
export interface BotMessageFrame {
  type: 'message';
  text: string;
  options: AnswerOption[];
  quick_replies: { title: string; payload: string }[];
  reply_to?: string;
  intent?: string;
  state?: string;
  cause?: string | null;
  /** Set when a person at the support desk wrote it: their display name. The text is plain, never markup. */
  agent?: string;
  /** The bot stays quiet (a person holds the conversation): nothing to show, the message was passed on. */
  silent?: boolean;
  /** The reply's language: the page shows its own strings in it. */
  language?: string;
}

/** Server → browser, on connect: what the page should show after a reload. */
export interface HistoryFrame {
  type: 'history';
  /** The visitor id the server issued: the page keeps it and sends it from now on. */
  user: string;
  messages: HistoryEntry[];
  limits: { maxMessageChars: number };
  /** Shown in the page title. */
  exchange: string;
  /** The conversation's language so far (its last reply's; else the default). */
  language: string;
  /** The page's strings in every served language. */
  ui: Record<string, PageStrings>;
}

export function botMessage(text: string, options: AnswerOption[], extra: Partial<BotMessageFrame> = {}): BotMessageFrame {
  return {
    type: 'message',
    text,
    options,
    quick_replies: options.map((o) => ({ title: o.label, payload: o.label })),
    ...extra,
  };
}

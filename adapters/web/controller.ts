// The Botkit controller of the web channel: turns Botkit messages into ConversationService calls.
// Botkit's own dialog system is not used (the engine decides everything), so its storage is a no-op.
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Storage, StoreItems } from 'botbuilder';
import type { ChannelContext } from '../../src/channels';
import type { ConversationRef } from '../../src/engine/types';
import type { Logger } from '../../src/ops/logger';
import type { WebSocketChannelAdapter } from './socket-adapter';
import type { WebHistory } from './history';
import { WEBHOOK_PATH } from './paths';
import { botMessage, isValidUserId, readIncoming, type HistoryFrame } from './protocol';
import { handoffNotice, loadWebMessages, pageStrings, webMessagesFor } from './handoff-notice';
import type { VisitorIds } from './identity';
import type { NewConversationLimit } from './new-conversations';
import { CLIENT_FIELD } from './socket-adapter';
import { takeOutbox } from './desk-delivery';

/** Turns the service refused: nothing of them is stored. */
const REFUSED_STATES = new Set(['rate_limited', 'busy', 'shutting_down', 'cannot_save']);

/** Conversation state lives in our SessionStore; Botkit's dialog state has nothing to keep. */
class NoDialogStorage implements Storage {
  async read(): Promise<StoreItems> {
    return {};
  }
  async write(): Promise<void> {}
  async delete(): Promise<void> {}
}

export interface WebControllerDeps {
  ctx: ChannelContext;
  adapter: WebSocketChannelAdapter;
  history: WebHistory;
  logger: Logger;
  ids: VisitorIds;
  newConversations: NewConversationLimit;
}

export function createWebController({ ctx, adapter, history, logger, ids, newConversations }: WebControllerDeps): Botkit {
  const webMessages = loadWebMessages();
  const languages = ctx.config.languages ?? ['en'];
  // The page's strings in every served language: the page switches with the conversation.
  const page = pageStrings(webMessages, ctx.config.exchange, languages);
  const controller = new Botkit({
    adapter,
    webserver: ctx.app,
    webhook_uri: WEBHOOK_PATH,
    storage: new NoDialogStorage(),
    disable_console: true,
  });

  const viaSocket = (message: BotkitMessage) => message.incoming_message?.channelId === 'websocket';

  // Handlers never throw: Botkit rethrows webhook errors as unhandled rejections, which would end the process.
  const safely = (what: string, handler: (bot: BotWorker, message: BotkitMessage) => Promise<void>) => async (bot: BotWorker, message: BotkitMessage) => {
    try {
      await handler(bot, message);
    } catch (err) {
      logger.error({ err, what }, 'web: could not handle a message');
      try {
        await bot.reply(message, { type: 'message', channelData: botMessage(ctx.service.message('busy'), []) });
      } catch {
        // the socket is gone; nothing more to do
      }
    }
  };

  controller.on(
    'message',
    safely('message', async (bot, message) => {
      if (!isValidUserId(message.user)) return;
      if (viaSocket(message) && !ids.verify(message.user)) {
        // Not an id this server issued: never look it up. The page is given a fresh id instead.
        await sendHistory(bot, message);
        return;
      }
      // Backends name their visitors themselves; they get a namespace of their own, apart from page ids.
      const user = viaSocket(message) ? message.user : `api:${message.user}`;
      const incoming = readIncoming(message as unknown as Record<string, unknown>);
      const ref: ConversationRef = { channel: 'web', conversationId: user, userId: user };
      if (viaSocket(message)) await bot.reply(message, { type: 'typing', channelData: { type: 'typing' } });

      const turn = await ctx.service.handle(ref, { text: incoming.text, optionId: incoming.optionId });
      let reply = turn.reply;
      // A backend gets what the support desk sent since its last message first (it has no socket).
      if (!viaSocket(message) && ctx.desk) {
        for (const pending of await takeOutbox(ctx.store, user)) await bot.reply(message, { type: 'message', channelData: pending });
      }
      if (turn.handoff && ctx.service.handoffMode('web') === 'self_serve') {
        // Web visitors have no agent desk behind them (the service runs this channel self-serve and
        // keeps answering): instead of "a person will reply here" they get the way to support and a
        // summary to paste there.
        const summary = turn.handoff;
        logger.info({ reason: summary.reason, cause: summary.likelyCause }, 'web: sent the user to support');
        const title = summary.likelyCause ? ctx.service.causeTitle(summary.likelyCause, turn.language) : null;
        // What came before the engine's "a person will reply here" (a security warning, the
        // diagnosis) is kept; only that promise is replaced by the way to support.
        const notice = handoffNotice(webMessagesFor(webMessages, turn.language), ctx.config.exchange, summary, title);
        reply = [withoutPromise(ctx.service, turn.reply, turn.language), notice].filter(Boolean).join('\n\n');
      }
      logger.debug({ intent: turn.intent, state: turn.state, cause: turn.cause, via: viaSocket(message) ? 'socket' : 'webhook' }, 'web: turn');
      // Refused messages (rate-limited, busy, not saved) leave no trace; the rest is stored as the
      // bot read it: cut to MAX_MESSAGE_CHARS and redacted (turn.user), never the raw frame.
      if (!REFUSED_STATES.has(turn.state)) {
        const now = Date.now();
        try {
          await history.append(user, [
            { from: 'user', text: turn.user, at: now },
            // While a person holds the conversation the bot says nothing, and nothing is kept for it.
            ...(turn.silent ? [] : [{ from: 'bot' as const, text: reply, options: turn.options, at: now, language: turn.language }]),
          ]);
        } catch (err) {
          logger.error({ error: (err as Error).message }, 'web: could not save the transcript; the user was told');
          reply = `${ctx.service.message('cannot_save', {}, turn.language)}\n\n${reply}`;
        }
      }
      const frame = botMessage(reply, turn.options, {
        reply_to: incoming.clientMessageId,
        intent: turn.intent,
        state: turn.state,
        cause: turn.cause,
        language: turn.language,
        ...(turn.silent ? { silent: true } : {}),
      });
      await bot.reply(message, { type: 'message', channelData: frame });
    }),
  );

  // The page says hello on every (re)connect with the id it keeps. An issued id gets its transcript
  // back, so a reload loses nothing; any other id gets a new, empty conversation under a new id,
  // sent in the frame's `user` field for the page to keep (unless this client started too many).
  async function sendHistory(bot: BotWorker, message: BotkitMessage): Promise<void> {
    const known = ids.verify(message.user);
    const client = String((message as unknown as Record<string, unknown>)[CLIENT_FIELD] ?? 'unknown');
    if (!known && !newConversations.allow(client)) {
      logger.warn({ client }, 'web: refused a new conversation: too many from this client this minute');
      await bot.reply(message, { type: 'message', channelData: botMessage(ctx.service.message('busy'), []) });
      return;
    }
    const user = known ? message.user : ids.issue();
    const messages = known ? await history.read(user) : [];
    const frame: HistoryFrame = {
      type: 'history',
      user,
      messages,
      language: [...messages].reverse().find((m) => m.language)?.language ?? languages[0]!,
      ui: page,
      limits: { maxMessageChars: ctx.config.maxMessageChars },
      exchange: ctx.config.exchange.name,
    };
    await bot.reply(message, { type: 'event', channelData: frame });
  }
  const onHello = safely('hello', async (bot, message) => {
    if (isValidUserId(message.user) || message.user === undefined) await sendHistory(bot, message);
  });
  controller.on('hello', onHello);
  controller.on('welcome_back', onHello);
  controller.on('reconnect', onHello);

  return controller;
}

/** The engine's hand-off reply without its closing promise that a person will reply in this chat. */
function withoutPromise(
  service: { message(key: 'request_human' | 'handoff_started', vars: Record<string, string>, language: string): string },
  reply: string,
  language: string,
): string {
  for (const key of ['request_human', 'handoff_started'] as const) {
    const promise = service.message(key, {}, language);
    if (reply.endsWith(promise)) return reply.slice(0, -promise.length).trim();
  }
  return '';
}

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
import { handoffNotice, loadWebMessages } from './handoff-notice';

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
}

export function createWebController({ ctx, adapter, history, logger }: WebControllerDeps): Botkit {
  const webMessages = loadWebMessages();
  const controller = new Botkit({
    adapter,
    webserver: ctx.app,
    webhook_uri: WEBHOOK_PATH,
    storage: new NoDialogStorage(),
    disable_console: true,
  });

  const viaSocket = (message: BotkitMessage) => message.incoming_message?.channelId === 'websocket';

  // Handlers never throw: Botkit rethrows webhook errors as unhandled rejections, which would end the process.
  const safely =
    (what: string, handler: (bot: BotWorker, message: BotkitMessage) => Promise<void>) =>
    async (bot: BotWorker, message: BotkitMessage) => {
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
      const user = message.user;
      if (!isValidUserId(user)) return;
      const incoming = readIncoming(message as unknown as Record<string, unknown>);
      const ref: ConversationRef = { channel: 'web', conversationId: user, userId: user };
      if (viaSocket(message)) await bot.reply(message, { type: 'typing', channelData: { type: 'typing' } });

      const turn = await ctx.service.handle(ref, { text: incoming.text, optionId: incoming.optionId });
      let reply = turn.reply;
      if (turn.handoff) {
        // Web visitors have no agent desk behind them (the service runs this channel self-serve and
        // keeps answering): instead of "a person will reply here" they get the way to support and a
        // summary to paste there.
        const summary = turn.handoff;
        logger.info({ reason: summary.reason, cause: summary.likelyCause }, 'web: sent the user to support');
        const title = summary.likelyCause ? ctx.service.causeTitle(summary.likelyCause) : null;
        // What came before the engine's "a person will reply here" (a security warning, the
        // diagnosis) is kept; only that promise is replaced by the way to support.
        reply = [withoutPromise(ctx.service, turn.reply), handoffNotice(webMessages, ctx.config.exchange, summary, title)].filter(Boolean).join('\n\n');
      }
      logger.debug({ intent: turn.intent, state: turn.state, cause: turn.cause, via: viaSocket(message) ? 'socket' : 'webhook' }, 'web: turn');
      const now = Date.now();
      await history.append(user, [
        { from: 'user', text: incoming.text, at: now },
        { from: 'bot', text: reply, options: turn.options, at: now },
      ]);
      const frame = botMessage(reply, turn.options, {
        reply_to: incoming.clientMessageId,
        intent: turn.intent,
        state: turn.state,
        cause: turn.cause,
      });
      await bot.reply(message, { type: 'message', channelData: frame });
    }),
  );

  // The page says hello on every (re)connect; it gets the transcript so a reload loses nothing.
  const sendHistory = safely('hello', async (bot, message) => {
    if (!isValidUserId(message.user)) return;
    const frame: HistoryFrame = {
      type: 'history',
      messages: await history.read(message.user),
      limits: { maxMessageChars: ctx.config.maxMessageChars },
      exchange: ctx.config.exchange.name,
    };
    await bot.reply(message, { type: 'event', channelData: frame });
  });
  controller.on('hello', sendHistory);
  controller.on('welcome_back', sendHistory);
  controller.on('reconnect', sendHistory);

  return controller;
}

/** The engine's hand-off reply without its closing promise that a person will reply in this chat. */
function withoutPromise(service: { message(key: 'request_human' | 'handoff_started'): string }, reply: string): string {
  for (const key of ['request_human', 'handoff_started'] as const) {
    const promise = service.message(key);
    if (reply.endsWith(promise)) return reply.slice(0, -promise.length).trim();
  }
  return '';
}

// `region-lock-bot start`: the web chat, plus Slack and Discord when configured, on one HTTP port.
// Ctrl-C / SIGTERM: stop taking messages, finish those in flight, flush the store, exit 0.
import type { Command } from '../main';
import { UsageError } from '../main';
import { loadConfig } from '../../config';
import { createLogger } from '../../ops/logger';
import { openConfiguredStore } from '../../store/open';
import { startBot } from '../../server/start-bot';

/** A second Ctrl-C, or a shutdown that hangs, ends the process anyway after this long. */
const SHUTDOWN_DEADLINE_MS = 20_000;

export const command: Command = {
  summary: 'Run the bot: web chat at http://HOST:PORT/, plus Slack and Discord when their settings are set',
  usage: 'region-lock-bot start   (settings come from the environment; see .env.example)',
  async run(args) {
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
    const config = loadConfig(process.env);
    const logger = createLogger({ level: config.logLevel, format: config.logFormat });
    // A stray rejection in a library callback is logged, not fatal: one bad message must not end every conversation.
    process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
    let opened: Awaited<ReturnType<typeof openConfiguredStore>>;
    try {
      opened = await openConfiguredStore(config, logger);
    } catch (err) {
      console.error(`region-lock-bot: could not open the session store: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const { store, imported, where } = opened;
    if (imported) logger.info(imported, 'store: imported the old sessions.jsonl (kept as sessions.jsonl.imported)');
    if (imported?.skippedLines) logger.warn({ skippedLines: imported.skippedLines }, 'store: dropped unreadable lines of the old log');

    let bot: Awaited<ReturnType<typeof startBot>>;
    try {
      bot = await startBot(config, { store, logger });
    } catch (err) {
      await store.close();
      console.error(`region-lock-bot: could not start: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }

    const live = bot.channels.map((c) => c.name).join(', ');
    console.log(`region-lock-bot is running. Chat: ${bot.url}/  Channels: ${live}  Data: ${where}`);
    console.log('Press Ctrl-C to stop.');

    const running = bot;
    return new Promise<number>((resolve) => {
      let shuttingDown = false;
      const shutdown = (signal: NodeJS.Signals) => {
        if (shuttingDown) {
          console.error(`region-lock-bot: ${signal} again, exiting without waiting`);
          process.exit(130);
        }
        shuttingDown = true;
        logger.info({ signal }, 'shutting down: finishing messages in flight');
        const deadline = setTimeout(() => {
          console.error('region-lock-bot: shutdown took too long, exiting');
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS);
        deadline.unref();
        void running
          .stop()
          .then(() => store.close())
          .then(
            () => {
              clearTimeout(deadline);
              resolve(0);
              // Libraries may leave idle handles behind; once state is flushed nothing is left to wait for.
              setTimeout(() => process.exit(0), 200).unref();
            },
            (err: unknown) => {
              console.error(`region-lock-bot: error during shutdown: ${err instanceof Error ? err.message : String(err)}`);
              resolve(1);
            },
          );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    });
  },
};

// The Slack channel of region-lock-bot. `startBot` calls startSlack when SLACK_* settings are present.
import type { ChannelContext, RunningChannel } from '../../src/channels';
import type { SlackDeps } from './deps';
import { buildSlackApp } from './app';
import { joinDesk } from './desk';
import { describeError } from './errors';
import { SLACK_EVENTS_PATH } from './receiver';

export { SLACK_EVENTS_PATH } from './receiver';

/** Slack errors that no retry can fix: the settings are wrong. */
const FATAL_AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'invalid_token',
]);

export async function startSlack(ctx: ChannelContext): Promise<RunningChannel> {
  const config = ctx.config.slack;
  if (!config) throw new Error('startSlack was called without Slack settings (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_AGENT_CHANNEL)');
  const logger = ctx.logger.child({ channel: 'slack' });
  const deps: SlackDeps = { config, service: ctx.service, store: ctx.store, logger, desk: ctx.desk, deskConfig: ctx.config.desk };
  const { app, http, socket } = buildSlackApp(deps);
  const mode = socket ? 'socket' : 'http';

  // Routes go on the shared express app before the first request can arrive; they answer 503 until ready.
  if (http) ctx.app.use(http.router);

  try {
    await app.init(); // auth.test: checks the token and learns the bot's own user id
  } catch (err) {
    const info = describeError(err);
    if (typeof info.slackError === 'string' && FATAL_AUTH_ERRORS.has(info.slackError)) {
      throw new Error(`Slack rejected SLACK_BOT_TOKEN (${info.slackError}); check the bot token of your Slack app`);
    }
    throw new Error(`could not reach Slack to check SLACK_BOT_TOKEN: ${String(info.message)}`);
  }

  const unsubscribe = ctx.desk ? joinDesk(deps, ctx.desk, app.client) : () => undefined;
  let connected = false;
  let stopped = false;

  if (socket) {
    socket.client.on('connected', () => {
      connected = true;
      logger.info('slack: socket mode connected');
    });
    socket.client.on('reconnecting', () => {
      connected = false;
      logger.warn('slack: socket mode reconnecting');
    });
    socket.client.on('disconnected', () => {
      connected = false;
      if (!stopped) logger.warn('slack: socket mode disconnected');
    });
    try {
      await app.start();
    } catch (err) {
      unsubscribe();
      throw new Error(`Slack Socket Mode could not connect (check SLACK_APP_TOKEN): ${String(describeError(err).message)}`);
    }
    connected = true;
  } else {
    await app.start();
    connected = true;
  }
  logger.info({ mode, path: http ? SLACK_EVENTS_PATH : undefined }, 'slack: ready');

  return {
    name: 'slack',
    connected: () => connected && !stopped,
    async stop() {
      if (stopped) return;
      stopped = true;
      connected = false;
      unsubscribe();
      try {
        await app.stop();
      } catch (err) {
        logger.warn({ error: describeError(err) }, 'slack: error while stopping');
      }
    },
  };
}

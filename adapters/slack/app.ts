// Builds the Bolt app: receiver (shared HTTP endpoint or Socket Mode), Web API client settings,
// global middleware and listeners.
import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { SlackConfig } from '../../src/config';
import type { SlackDeps } from './deps';
import { boltLogger } from './bolt-logger';
import { SharedHttpReceiver } from './receiver';
import { dedupe } from './dedupe';
import { registerListeners } from './listeners';
import { describeError } from './errors';

/** Web API settings: bounded retries, rate limits waited out (Retry-After) instead of failing. */
export function webClientOptions(config: SlackConfig): WebClientOptions {
  return {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    retryConfig: { retries: 4, factor: 2, minTimeout: 250, maxTimeout: 8_000, randomize: true },
    rejectRateLimitedCalls: false,
    timeout: 15_000,
  };
}

export interface BuiltSlackApp {
  app: App;
  receiver: Receiver;
  http: SharedHttpReceiver | null;
  socket: SocketModeReceiver | null;
}

export function buildSlackApp(deps: SlackDeps): BuiltSlackApp {
  const config = deps.config;
  const logger = boltLogger(deps.logger);
  const clientOptions = webClientOptions(config);
  let http: SharedHttpReceiver | null = null;
  let socket: SocketModeReceiver | null = null;
  if (config.appToken) {
    socket = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      installerOptions: { clientOptions: { ...clientOptions, retryConfig: { retries: 10, factor: 1.5, maxTimeout: 30_000 } } },
    });
  } else {
    http = new SharedHttpReceiver({ signingSecret: config.signingSecret, logger: deps.logger, boltLogger: logger });
  }
  const receiver: Receiver = (socket ?? http)!;

  const app = new App({
    token: config.botToken,
    receiver,
    logger,
    clientOptions,
    // auth.test runs in startSlack (app.init()) so that a bad token is reported at start-up.
    deferInitialization: true,
    ignoreSelf: true,
    convoStore: false,
  });

  app.use(dedupe(deps));
  registerListeners(app, deps);

  app.error(async (error) => {
    // Last line of defence: log and carry on, the process never dies for one bad event.
    deps.logger.error({ error: describeError(error.original ?? error), code: error.code }, 'slack: unhandled error in a listener');
  });
  return { app, receiver, http, socket };
}

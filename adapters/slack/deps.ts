// What every listener needs, handed over once when the app is built.
import type { SlackConfig } from '../../src/config';
import type { ConversationService } from '../../src/engine/service';
import type { SessionStore } from '../../src/store/types';
import type { Logger } from '../../src/ops/logger';

export interface SlackDeps {
  config: SlackConfig;
  service: ConversationService;
  store: SessionStore;
  logger: Logger;
}

/** How long Slack-side bookkeeping (threads the bot is in, hand-off cards) is remembered. */
export const SLACK_MEMORY_MS = 7 * 24 * 3600_000;
/** How long an event id is remembered for de-duplication (Slack retries within minutes). */
export const DEDUPE_MS = 3600_000;

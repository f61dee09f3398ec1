// What every listener needs, handed over once when the app is built.
import type { DeskConfig, SlackConfig } from '../../src/config';
import type { Desk } from '../../src/desk/desk';
import type { ConversationService } from '../../src/engine/service';
import type { SessionStore } from '../../src/store/types';
import type { Logger } from '../../src/ops/logger';

export interface SlackDeps {
  config: SlackConfig;
  service: ConversationService;
  store: SessionStore;
  logger: Logger;
  /** The agent desk every hand-off goes to (null only in tests that build the app alone). */
  desk: Desk | null;
  deskConfig: DeskConfig | null;
}

/** How long Slack-side bookkeeping (threads the bot is in, hand-off cards) is remembered. */
export const SLACK_MEMORY_MS = 7 * 24 * 3600_000;
/** How long an event id is remembered for de-duplication (Slack retries within minutes). */
export const DEDUPE_MS = 3600_000;

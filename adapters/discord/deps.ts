// What every event, command and button handler needs, handed over once when the client is built.
import type { Client } from 'discord.js';
import type { DeskConfig, DiscordConfig } from '../../src/config';
import type { Desk } from '../../src/desk/desk';
import type { ConversationService } from '../../src/engine/service';
import type { SessionStore } from '../../src/store/types';
import type { Logger } from '../../src/ops/logger';

export interface DiscordDeps {
  config: DiscordConfig;
  service: ConversationService;
  store: SessionStore;
  logger: Logger;
  client: Client;
  /** The agent desk every hand-off goes to (null only in tests that build the client alone). */
  desk: Desk | null;
  deskConfig: DeskConfig | null;
  /** Whether the gateway session is up; flipped by the shard events, read by /healthz. */
  connection: { connected: boolean; stopping: boolean };
}

/** How long Discord-side bookkeeping (threads the bot runs, buttons, hand-off cards) is remembered. */
export const DISCORD_MEMORY_MS = 7 * 24 * 3600_000;

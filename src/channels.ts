// How a channel adapter plugs into the one process started by `region-lock-bot start`.
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AppConfig } from './config';
import type { ConversationService } from './engine/service';
import type { SessionStore } from './store/types';
import type { Logger } from './ops/logger';
import type { Desk } from './desk/desk';

export interface ChannelContext {
  config: AppConfig;
  service: ConversationService;
  store: SessionStore;
  logger: Logger;
  /** The agent desk (null without an agents' channel): channels register how their users are reached. */
  desk: Desk | null;
  /** The single HTTP app on PORT; adapters mount their routes here (e.g. POST /slack/events). */
  app: Express;
  /** The HTTP server behind `app`, for WebSocket upgrades. */
  server: Server;
}

export interface RunningChannel {
  name: 'web' | 'slack' | 'discord';
  /** Whether the channel is connected right now (shown by /healthz). */
  connected(): boolean;
  /** Stops taking messages and closes connections. */
  stop(): Promise<void>;
}

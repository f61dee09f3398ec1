// The gateway connection dropped (or Discord asked for a reconnect); discord.js reconnects and resumes.
import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ShardReconnecting,
  execute(deps, shardId) {
    deps.connection.connected = false;
    if (!deps.connection.stopping) deps.logger.warn({ shardId }, 'discord: gateway reconnecting');
  },
});

// A new gateway session (after IDENTIFY). Conversations live in the store, so nothing is lost.
import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ShardReady,
  execute(deps, shardId) {
    deps.connection.connected = true;
    deps.logger.info({ shardId }, 'discord: gateway session ready');
  },
});

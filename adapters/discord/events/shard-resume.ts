// The gateway session was resumed after a reconnect; Discord replays the events missed meanwhile.
import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ShardResume,
  execute(deps, shardId, replayedEvents) {
    deps.connection.connected = true;
    deps.logger.info({ shardId, replayedEvents }, 'discord: gateway session resumed');
  },
});

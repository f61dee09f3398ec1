// The gateway closed for good (bad token, disallowed intents): discord.js will not reconnect.
import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ShardDisconnect,
  execute(deps, event, shardId) {
    deps.connection.connected = false;
    if (!deps.connection.stopping)
      deps.logger.error(
        { shardId, code: event.code },
        'discord: gateway closed and will not reconnect; check DISCORD_TOKEN and the intents in the Developer Portal',
      );
  },
});

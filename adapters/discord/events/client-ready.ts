// The gateway session is up and the guild list is in: the bot is connected.
import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ClientReady,
  once: true,
  execute(deps, client) {
    deps.connection.connected = true;
    const applicationId = client.application?.id;
    if (applicationId && applicationId !== deps.config.applicationId) {
      // Commands are registered for DISCORD_APPLICATION_ID; a token of another application would never receive them.
      deps.logger.warn(
        { applicationId, configured: deps.config.applicationId },
        'discord: DISCORD_TOKEN belongs to another application than DISCORD_APPLICATION_ID',
      );
    }
    deps.logger.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'discord: connected');
  },
});

import { Events } from 'discord.js';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.Warn,
  execute(deps, message) {
    deps.logger.warn({ detail: message.slice(0, 500) }, 'discord: client warning');
  },
});

// The client's "error" event must have a listener, or Node turns it into an uncaught exception.
import { Events } from 'discord.js';
import { describeError } from '../errors';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.Error,
  execute(deps, error) {
    deps.logger.error({ error: describeError(error) }, 'discord: client error');
  },
});

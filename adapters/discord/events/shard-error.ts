// A gateway connection error; discord.js retries by itself, the bot only logs it.
import { Events } from 'discord.js';
import { describeError } from '../errors';
import { defineEvent } from './types';

export default defineEvent({
  name: Events.ShardError,
  execute(deps, error, shardId) {
    deps.logger.warn({ shardId, error: describeError(error) }, 'discord: gateway connection error');
  },
});

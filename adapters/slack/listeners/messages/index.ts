import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { directMessage } from './direct-message';
import { threadReply } from './thread-reply';
import { agentReply } from './agent-reply';

export function register(app: App, deps: SlackDeps): void {
  app.message(directMessage(deps));
  app.message(threadReply(deps));
  app.message(agentReply(deps));
}

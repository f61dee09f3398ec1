// Registers every listener on the Bolt app (layout of Slack's bolt-ts starter template).
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import * as messages from './messages';
import * as shortcuts from './shortcuts';

export function registerListeners(app: App, deps: SlackDeps): void {
  actions.register(app, deps);
  commands.register(app, deps);
  events.register(app, deps);
  messages.register(app, deps);
  shortcuts.register(app, deps);
}

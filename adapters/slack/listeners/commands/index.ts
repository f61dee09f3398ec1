import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { COMMAND, regionlockCommand } from './regionlock';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, regionlockCommand(deps));
}

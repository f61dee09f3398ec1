import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { appMention } from './app-mention';

export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', appMention(deps));
}

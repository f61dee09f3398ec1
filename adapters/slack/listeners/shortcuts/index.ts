import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { TRIAGE_SHORTCUT, triageTicket } from './triage-ticket';

export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: TRIAGE_SHORTCUT }, triageTicket(deps));
}

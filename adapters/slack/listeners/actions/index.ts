import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { OPTION_ACTION_PATTERN } from '../../render/blocks';
import { DESK_CLAIM, DESK_MACRO, DESK_RELEASE, DESK_RESOLVE } from '../../render/desk-card';
import { answerOption } from './answer-option';
import { claimCard, closeCard, sendMacro } from './desk';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: OPTION_ACTION_PATTERN }, answerOption(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: DESK_CLAIM }, claimCard(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: DESK_RELEASE }, closeCard(deps, false));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: DESK_RESOLVE }, closeCard(deps, true));
  app.action<BlockStaticSelectAction>({ type: 'block_actions', action_id: DESK_MACRO }, sendMacro(deps));
}

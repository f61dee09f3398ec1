import type { App, BlockButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { OPTION_ACTION_PATTERN } from '../../render/blocks';
import { HANDOFF_CLAIM, HANDOFF_RELEASE, HANDOFF_RESOLVE } from '../../render/handoff-card';
import { answerOption } from './answer-option';
import { claimHandoff, releaseHandoff } from './handoff';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: OPTION_ACTION_PATTERN }, answerOption(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: HANDOFF_CLAIM }, claimHandoff(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: HANDOFF_RELEASE }, releaseHandoff(deps, false));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: HANDOFF_RESOLVE }, releaseHandoff(deps, true));
}

// The controls on a hand-off card in the agents' channel: Claim, Release, Resolve and "Send macro".
// The desk does the work (and updates the card); an agent is only told privately when nothing changed.
import type { AllMiddlewareArgs, BlockButtonAction, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { CAUSES, type Cause } from '../../../../src/engine/types';
import { format } from '../../../../src/desk/texts';
import { slackAgent } from '../../desk';
import { parseMacroValue } from '../../render/desk-card';
import { describeError, guarded } from '../../errors';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
type SelectArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockStaticSelectAction>;

async function tellAgent(deps: SlackDeps, respond: ButtonArgs['respond'], text: string): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (err) {
    deps.logger.warn({ error: describeError(err) }, 'slack: could not answer the agent');
  }
}

const validId = (v: string | undefined) => (v && /^[A-Za-z0-9_-]{6,32}$/.test(v) ? v : null);

export const claimCard =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const desk = deps.desk;
    const id = validId(action.value);
    if (!desk || !id) return;
    await guarded(deps.logger, 'claim', async () => {
      const c = await desk.claim(id, await slackAgent(deps, client, body.user.id));
      if (c.result === 'already_claimed') await tellAgent(deps, respond, format(desk.texts.already_claimed, { holder: c.holder ? `<@${c.holder.id}>` : '?' }));
      else if (c.result === 'not_handed_off') await tellAgent(deps, respond, desk.texts.no_longer_open);
    });
  };

export const closeCard =
  (deps: SlackDeps, resolved: boolean) =>
  async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const desk = deps.desk;
    const id = validId(action.value);
    if (!desk || !id) return;
    await guarded(deps.logger, resolved ? 'resolve' : 'release', async () => {
      const closed = await desk.close(id, await slackAgent(deps, client, body.user.id), resolved);
      if (!closed) await tellAgent(deps, respond, desk.texts.no_longer_open);
    });
  };

export const sendMacro =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client, respond }: SelectArgs): Promise<void> => {
    await ack();
    const desk = deps.desk;
    const parsed = parseMacroValue(action.selected_option?.value);
    if (!desk || !parsed || (parsed.cause && !CAUSES.includes(parsed.cause as Cause))) return;
    await guarded(deps.logger, 'macro', async () => {
      const result = await desk.sendMacro(parsed.id, await slackAgent(deps, client, body.user.id), parsed.cause as Cause | null);
      if (result.kind === 'internal') await tellAgent(deps, respond, format(desk.texts.not_holder, { holder: `<@${result.holder.id}>` }));
      else if (result.kind === 'closed') await tellAgent(deps, respond, desk.texts.no_longer_open);
    });
  };

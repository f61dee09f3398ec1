// The buttons on a hand-off card in the agents' channel: Claim, then Release or Resolved.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../../deps';
import { placeOf, postMessages, slackRef } from '../../conversation';
import { claimedCard, closedCard, decodeHandoffRef, type HandoffRef } from '../../render/handoff-card';
import { sections, type Block } from '../../render/blocks';
import { toMrkdwn } from '../../render/mrkdwn';
import type { MessageKey } from '../../../../src/engine/api';
import { describeError, guarded } from '../../errors';

type Args = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** Stands in for the agent while the message goes through toMrkdwn, which would escape a real <@mention>. */
const AGENT_MARK = 'SLACKAGENTMENTION7f3a';

/** Tells the customer, in their conversation, what happened; the agent is shown as a Slack mention. */
async function tellCustomer(deps: SlackDeps, client: WebClient, ref: HandoffRef, key: MessageKey, agentId: string): Promise<void> {
  const place = placeOf(ref.c);
  if (!place) return;
  const markdown = deps.service.message(key, { agent: AGENT_MARK });
  const text = toMrkdwn(markdown).split(AGENT_MARK).join(`<@${agentId}>`);
  await postMessages(client, place, [{ text, blocks: sections(text) }]);
}

async function updateCard(deps: SlackDeps, client: WebClient, body: BlockButtonAction, blocks: Block[]): Promise<void> {
  const channel = body.channel?.id;
  const ts = body.message?.ts;
  if (!channel || !ts) return;
  try {
    await client.chat.update({ channel, ts, text: body.message?.text ?? 'Hand-off', blocks });
  } catch (err) {
    deps.logger.warn({ error: describeError(err) }, 'slack: could not update the hand-off card');
  }
}

async function tellAgent(deps: SlackDeps, respond: Args['respond'], text: string): Promise<void> {
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, text });
  } catch (err) {
    deps.logger.warn({ error: describeError(err) }, 'slack: could not answer the agent');
  }
}

export const claimHandoff =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client, respond }: Args): Promise<void> => {
    await ack();
    await guarded(deps.logger, 'claim', async () => {
      const ref = decodeHandoffRef(action.value);
      if (!ref) return;
      const agentId = body.user.id;
      const result = await deps.service.claim(slackRef(ref.c, ref.u), agentId);
      const blocks = body.message?.blocks as Block[] | undefined;
      if (result === 'claimed') {
        deps.logger.info({ conversationId: ref.c, agent: agentId }, 'slack: hand-off claimed');
        await updateCard(deps, client, body, claimedCard(blocks, ref, agentId));
        await tellCustomer(deps, client, ref, 'agent_joined', agentId);
      } else if (result === 'already_claimed') {
        const status = await deps.service.handoffStatus(slackRef(ref.c, ref.u));
        await tellAgent(
          deps,
          respond,
          status?.agent ? `<@${status.agent}> has already claimed this conversation.` : 'Someone has already claimed this conversation.',
        );
      } else {
        await updateCard(deps, client, body, closedCard(blocks, ':white_circle: This conversation is no longer waiting for a person.'));
      }
    });
  };

export const releaseHandoff =
  (deps: SlackDeps, resolved: boolean) =>
  async ({ ack, body, action, client }: Args): Promise<void> => {
    await ack();
    await guarded(deps.logger, resolved ? 'resolve' : 'release', async () => {
      const ref = decodeHandoffRef(action.value);
      if (!ref) return;
      const agentId = body.user.id;
      const blocks = body.message?.blocks as Block[] | undefined;
      const released = await deps.service.release(slackRef(ref.c, ref.u), resolved);
      if (!released) {
        await updateCard(deps, client, body, closedCard(blocks, ':white_circle: This conversation is already closed.'));
        return;
      }
      deps.logger.info({ conversationId: ref.c, agent: agentId, resolved }, 'slack: hand-off closed');
      await updateCard(
        deps,
        client,
        body,
        closedCard(
          blocks,
          resolved
            ? `:white_check_mark: Marked resolved by <@${agentId}>.`
            : `:robot_face: Handed back to the bot by <@${agentId}>. It answers the customer again.`,
        ),
      );
      await tellCustomer(deps, client, ref, resolved ? 'agent_resolved' : 'agent_released', agentId);
    });
  };

// A click on one of the answer buttons under a clarifying question: the message is updated to show
// the choice (buttons gone), and the choice goes to the service as that answer.
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { SLACK_MEMORY_MS } from '../../deps';
import { answeredKey, converse, dmConversationId, placeOf, threadConversationId } from '../../conversation';
import { conversationFromBlockId, withChoice, type Block } from '../../render/blocks';
import { describeError, guarded } from '../../errors';

export const answerOption =
  (deps: SlackDeps) =>
  async ({ ack, body, action, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> => {
    await ack();
    await guarded(deps.logger, 'answer button', async () => {
      const container = (body as { container?: { channel_id?: string; message_ts?: string; thread_ts?: string } }).container;
      const channel = body.channel?.id ?? container?.channel_id;
      const ts = body.message?.ts ?? container?.message_ts;
      const optionId = action.value;
      if (!channel || !ts || !optionId) return;
      const team = body.team?.id ?? body.user.team_id ?? 'T0';
      const threadTs: string | undefined = body.message?.thread_ts ?? container?.thread_ts;
      const conversationId =
        conversationFromBlockId(action.block_id) ?? (threadTs ? threadConversationId(team, channel, threadTs) : dmConversationId(team, channel));

      // Each question can be answered once: a double click or a second person's click changes nothing.
      if (!(await deps.store.setIfAbsent(answeredKey(channel, ts), 1, SLACK_MEMORY_MS))) return;

      const label = action.text?.text ?? optionId;
      try {
        await client.chat.update({
          channel,
          ts,
          text: body.message?.text ?? label,
          blocks: withChoice(body.message?.blocks as Block[] | undefined, label, body.user.id),
        });
      } catch (err) {
        deps.logger.warn({ error: describeError(err) }, 'slack: could not mark the answered question');
      }

      // Replies go where the question was: the thread of a channel conversation, or the DM.
      const replyThread = placeOf(conversationId)?.threadTs ?? threadTs;
      await converse(deps, client, {
        conversationId,
        place: { channel, ...(replyThread ? { threadTs: replyThread } : {}) },
        userId: body.user.id,
        input: { text: label, optionId },
        fromButtonsTs: ts,
      });
    });
  };

// Someone @mentions the bot in a channel: the bot answers in a thread, and the thread becomes
// one conversation (`${team}:${channel}:${thread_ts}`).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { SLACK_MEMORY_MS } from '../../deps';
import { converse, threadConversationId, threadKey } from '../../conversation';
import { isFromPerson, teamOf, type MessageLike } from '../../filters';
import { slackToPlain } from '../../render/mrkdwn';
import { guarded } from '../../errors';

export const appMention =
  (deps: SlackDeps) =>
  async ({ event, body, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const e = event as typeof event & MessageLike;
    // In a DM the message.im event already carries the text; answering both would reply twice.
    if (e.channel.startsWith('D')) return;
    if (!isFromPerson(e, context)) return;
    const threadTs = e.thread_ts ?? e.ts;
    const conversationId = threadConversationId(teamOf(body, e.team), e.channel, threadTs);
    // A bare mention with no words is treated as a hello.
    const text = slackToPlain(e.text ?? '', context.botUserId) || 'hello';
    await guarded(deps.logger, 'app mention', async () => {
      await deps.store.set(threadKey(conversationId), 1, SLACK_MEMORY_MS);
      await converse(deps, client, {
        conversationId,
        place: { channel: e.channel, threadTs },
        userId: e.user!,
        input: { text },
      });
    });
  };

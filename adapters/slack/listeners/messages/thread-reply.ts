// A follow-up in a channel thread the bot is already answering (started by an @mention)
// continues the same conversation without another mention.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { SLACK_MEMORY_MS } from '../../deps';
import { converse, threadConversationId, threadKey } from '../../conversation';
import { isFromPerson, mentions, teamOf, type MessageLike } from '../../filters';
import { slackToPlain } from '../../render/mrkdwn';
import { guarded } from '../../errors';

export const threadReply =
  (deps: SlackDeps) =>
  async ({ message, body, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (message.channel_type === 'im') return;
    const m = message as MessageLike & { channel: string; ts: string; thread_ts?: string; team?: string };
    if (!m.thread_ts || m.thread_ts === m.ts) return;
    if (!isFromPerson(m, context)) return;
    // A message that mentions the bot also arrives as app_mention; that listener answers it.
    if (mentions(m.text, context.botUserId)) return;
    const conversationId = threadConversationId(teamOf(body, m.team), m.channel, m.thread_ts);
    if (!(await deps.store.get(threadKey(conversationId)))) return;
    const text = slackToPlain(m.text ?? '', context.botUserId);
    if (!text) return;
    await guarded(deps.logger, 'thread reply', async () => {
      await deps.store.set(threadKey(conversationId), 1, SLACK_MEMORY_MS);
      await converse(deps, client, {
        conversationId,
        place: { channel: m.channel, threadTs: m.thread_ts },
        userId: m.user!,
        input: { text },
      });
    });
  };

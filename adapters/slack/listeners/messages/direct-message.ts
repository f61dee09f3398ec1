// A person writes to the bot in a direct message: one conversation per DM channel.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { converse, dmConversationId } from '../../conversation';
import { isFromPerson, teamOf, type MessageLike } from '../../filters';
import { slackToPlain } from '../../render/mrkdwn';
import { guarded } from '../../errors';

export const directMessage =
  (deps: SlackDeps) =>
  async ({ message, body, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (message.channel_type !== 'im') return;
    const m = message as MessageLike & { channel: string; ts: string; thread_ts?: string; team?: string };
    if (!isFromPerson(m, context)) return;
    const text = slackToPlain(m.text ?? '', context.botUserId);
    if (!text) return;
    const team = teamOf(body, m.team);
    await guarded(deps.logger, 'direct message', () =>
      converse(deps, client, {
        conversationId: dmConversationId(team, m.channel),
        // A reply written inside a DM thread is answered in that thread; the conversation is the same.
        place: { channel: m.channel, ...(m.thread_ts ? { threadTs: m.thread_ts } : {}) },
        userId: m.user!,
        input: { text },
      }),
    );
  };

// An agent writes in a hand-off card's thread in the agents' channel: the desk relays it to the
// customer in their own channel (the first reply claims the conversation). `note:` and `//` lines,
// and other agents' messages once someone holds the conversation, stay in the thread.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { isFromPerson, type MessageLike } from '../../filters';
import { deskThreadKey, slackAgent } from '../../desk';
import { slackToPlain } from '../../render/mrkdwn';
import { format } from '../../../../src/desk/texts';
import { describeError, guarded } from '../../errors';

export const agentReply =
  (deps: SlackDeps) =>
  async ({ message, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (message.channel_type === 'im' || !deps.desk) return;
    const m = message as MessageLike & { channel: string; ts: string; thread_ts?: string };
    if (!m.thread_ts || m.thread_ts === m.ts) return;
    if (!isFromPerson(m, context) || !m.text?.trim()) return;
    const id = await deps.store.get<string>(deskThreadKey(m.channel, m.thread_ts));
    if (!id) return;
    const desk = deps.desk;
    await guarded(deps.logger, 'agent reply relay', async () => {
      // Slack markup (mentions, <url|label> links) becomes plain text: the customer may not be on Slack.
      const text = slackToPlain(m.text ?? '', context.botUserId);
      const result = await desk.agentMessage(id, await slackAgent(deps, client, m.user!), text);
      deps.logger.debug({ id, result: result.kind }, 'slack: agent thread message');
      if (result.kind === 'internal') {
        await client.chat
          .postEphemeral({
            channel: m.channel,
            thread_ts: m.thread_ts,
            user: m.user!,
            text: format(desk.texts.not_holder, { holder: `<@${result.holder.id}>` }),
          })
          .catch((err: unknown) => deps.logger.warn({ error: describeError(err) }, 'slack: could not tell the agent'));
      }
    });
  };

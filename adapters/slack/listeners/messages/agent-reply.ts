// The agent who claimed a hand-off writes in the hand-off card's thread: the bot passes the words on
// to the customer (who may be in a DM with the bot, where agents cannot write).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { agentThreadKey, placeOf, postMessages, slackRef, type HandoffCard } from '../../conversation';
import { isFromPerson, type MessageLike } from '../../filters';
import { guarded } from '../../errors';
import { sections } from '../../render/blocks';

export const agentReply =
  (deps: SlackDeps) =>
  async ({ message, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    if (message.channel_type === 'im') return;
    const m = message as MessageLike & { channel: string; ts: string; thread_ts?: string };
    if (!m.thread_ts || m.thread_ts === m.ts) return;
    if (!isFromPerson(m, context) || !m.text?.trim()) return;
    const card = await deps.store.get<HandoffCard>(agentThreadKey(m.channel, m.thread_ts));
    if (!card) return;
    await guarded(deps.logger, 'agent reply relay', async () => {
      const status = await deps.service.handoffStatus(slackRef(card.conversationId, card.userId));
      // Only the agent who claimed the conversation speaks for it: before the claim or after release
      // the bot answers itself, and other agents can discuss the case in the thread without the
      // customer seeing it.
      if (status?.status !== 'claimed' || status.agent !== m.user) return;
      const place = placeOf(card.conversationId);
      if (!place) return;
      // The agent's text is Slack mrkdwn already; it is passed on as written, under the agent's name.
      const text = `<@${m.user}>: ${m.text}`.slice(0, 39_000);
      await postMessages(client, place, [{ text, blocks: sections(text) }]);
    });
  };

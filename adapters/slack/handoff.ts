// When the service hands a Slack conversation to a person, a card with a "Claim" button goes to
// the agents' channel (SLACK_AGENT_CHANNEL).
import type { WebClient } from '@slack/web-api';
import type { ConversationRef, HandoffSummary } from '../../src/engine/types';
import type { SlackDeps } from './deps';
import { SLACK_MEMORY_MS } from './deps';
import { agentThreadKey, handoffCardKey, isDirectMessageConversation, placeOf, type HandoffCard } from './conversation';
import { renderHandoffCard } from './render/handoff-card';
import { describeError } from './errors';

export async function postHandoffCard(deps: SlackDeps, client: WebClient, ref: ConversationRef, summary: HandoffSummary): Promise<void> {
  const place = placeOf(ref.conversationId);
  let permalink: string | undefined;
  if (place?.threadTs) {
    try {
      permalink = (await client.chat.getPermalink({ channel: place.channel, message_ts: place.threadTs })).permalink;
    } catch (err) {
      deps.logger.debug({ error: describeError(err) }, 'slack: no permalink for the hand-off');
    }
  }
  const message = renderHandoffCard(
    deps.service.formatHandoff(summary),
    { c: ref.conversationId, u: ref.userId },
    { permalink, isDirectMessage: isDirectMessageConversation(ref.conversationId) },
  );
  const res = await client.chat.postMessage({
    channel: deps.config.agentChannel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!res.ts || !res.channel) return;
  const card: HandoffCard = { channel: res.channel, ts: res.ts, conversationId: ref.conversationId, userId: ref.userId };
  await deps.store.set(handoffCardKey(ref.conversationId), card, SLACK_MEMORY_MS);
  await deps.store.set(agentThreadKey(res.channel, res.ts), card, SLACK_MEMORY_MS);
  deps.logger.info({ conversationId: ref.conversationId, reason: summary.reason }, 'slack: hand-off posted to agents');
}

/** Subscribes to the service's hand-off events; returns the unsubscribe function. */
export function listenForHandoffs(deps: SlackDeps, client: WebClient): () => void {
  const onHandoff = (ref: ConversationRef, summary: HandoffSummary) => {
    if (ref.channel !== 'slack') return;
    postHandoffCard(deps, client, ref, summary).catch((err: unknown) => {
      deps.logger.error({ error: describeError(err), conversationId: ref.conversationId }, 'slack: could not post the hand-off to the agents');
    });
  };
  deps.service.on('handoff', onHandoff);
  return () => deps.service.off('handoff', onHandoff);
}

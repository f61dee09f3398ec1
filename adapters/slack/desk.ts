// Slack's part in the agent desk: the agents' channel (cards and their threads, when HANDOFF_DESK is
// slack) and delivery to Slack users (their DM or thread), whichever desk serves them.
import type { WebClient } from '@slack/web-api';
import type { Desk } from '../../src/desk/desk';
import type { CardPlace, DeskAgent, DeskPort, HandoffRecord, UserMessage } from '../../src/desk/types';
import type { ConversationRef } from '../../src/engine/types';
import type { SlackDeps } from './deps';
import { SLACK_MEMORY_MS } from './deps';
import { placeOf, postMessages } from './conversation';
import { renderDeskCard, slackCardFormatting } from './render/desk-card';
import { escapeSlack, toMrkdwn } from './render/mrkdwn';
import { sections } from './render/blocks';
import { describeError } from './errors';

/** The card's thread in the agents' channel → the hand-off it belongs to. */
export const deskThreadKey = (channel: string, ts: string) => `slack:desk-thread:${channel}:${ts}`;

/** Display names of Slack users, cached for a while (users.info is rate-limited). */
const NAME_CACHE_MS = 3600_000;
const names = new Map<string, { name: string; at: number }>();

export async function displayName(deps: SlackDeps, client: WebClient, userId: string): Promise<string | undefined> {
  const cached = names.get(userId);
  if (cached && Date.now() - cached.at < NAME_CACHE_MS) return cached.name;
  try {
    const res = await client.users.info({ user: userId });
    const u = res.user;
    const name = u?.profile?.display_name || u?.real_name || u?.profile?.real_name || u?.name;
    if (!name) return undefined;
    if (names.size > 5000) names.clear();
    names.set(userId, { name, at: Date.now() });
    return name;
  } catch (err) {
    deps.logger.debug({ error: describeError(err), userId }, 'slack: no display name');
    return undefined;
  }
}

/** A Slack user at the desk, as the customer sees them. */
export async function slackAgent(deps: SlackDeps, client: WebClient, userId: string): Promise<DeskAgent> {
  return { id: userId, name: (await displayName(deps, client, userId)) ?? userId };
}

function cardMessage(deps: SlackDeps, desk: Desk, record: HandoffRecord, permalink?: string) {
  const f = slackCardFormatting((c) => deps.service.causeTitle(c), deps.deskConfig?.timeoutMs ?? 0, deps.deskConfig?.supportHoursText ?? null);
  return renderDeskCard(desk.texts, record, f, permalink);
}

export function slackDeskPort(deps: SlackDeps, desk: Desk, client: WebClient): DeskPort {
  return {
    async postCard(record): Promise<CardPlace> {
      let permalink: string | undefined;
      const place = record.ref.channel === 'slack' ? placeOf(record.ref.conversationId) : null;
      if (place?.threadTs) {
        permalink = await client.chat
          .getPermalink({ channel: place.channel, message_ts: place.threadTs })
          .then((r) => r.permalink)
          .catch(() => undefined);
      }
      const message = cardMessage(deps, desk, record, permalink);
      const res = await client.chat.postMessage({
        channel: deps.config.agentChannel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!res.ts || !res.channel) throw new Error('chat.postMessage returned no ts for the hand-off card');
      await deps.store.set(deskThreadKey(res.channel, res.ts), record.id, SLACK_MEMORY_MS);
      deps.logger.info({ id: record.id, channel: record.ref.channel }, 'slack: hand-off card posted');
      return { channel: res.channel, message: res.ts, thread: res.ts };
    },
    async updateCard(record) {
      if (!record.card) return;
      const message = cardMessage(deps, desk, record);
      await client.chat.update({ channel: record.card.channel, ts: record.card.message, text: message.text, blocks: message.blocks });
    },
    async postInThread(record, line) {
      if (!record.card) return;
      const who = record.ref.channel === 'slack' ? `<@${record.ref.userId}>` : escapeSlack(record.userName ?? 'customer');
      const text = line.from === 'user' ? `${who}: ${escapeSlack(line.text)}` : escapeSlack(line.text);
      await client.chat.postMessage({
        channel: record.card.channel,
        thread_ts: record.card.thread ?? record.card.message,
        text: text.slice(0, 39_000),
        unfurl_links: false,
        unfurl_media: false,
      });
    },
  };
}

/** Posts a desk message where the Slack user talks to the bot: the DM, or the channel thread. */
export function slackDelivery(client: WebClient) {
  return async (ref: ConversationRef, message: UserMessage): Promise<void> => {
    const place = placeOf(ref.conversationId);
    if (!place) return;
    // A person's words are plain text: shown as written (escaped), under their name, never as markup.
    const text = message.kind === 'agent' ? `*${escapeSlack(message.agent)}*: ${escapeSlack(message.text)}` : toMrkdwn(message.text);
    await postMessages(client, place, [{ text: text.slice(0, 39_000), blocks: sections(text) }]);
  };
}

/** Registers Slack with the desk; returns the function that undoes it. */
export function joinDesk(deps: SlackDeps, desk: Desk, client: WebClient): () => void {
  const undo = [desk.registerDelivery('slack', slackDelivery(client)), desk.registerNames('slack', (ref) => displayName(deps, client, ref.userId))];
  if (desk.platform === 'slack') undo.push(desk.registerDesk(slackDeskPort(deps, desk, client)));
  return () => {
    for (const u of undo) u();
  };
}

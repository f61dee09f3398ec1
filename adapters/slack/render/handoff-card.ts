import { toMrkdwn } from './mrkdwn';
import { context, sections, truncate, type Block, type SlackMessage, BLOCKS_MAX } from './blocks';

export const HANDOFF_CLAIM = 'handoff_claim';
export const HANDOFF_RELEASE = 'handoff_release';
export const HANDOFF_RESOLVE = 'handoff_resolve';
const ACTIONS_BLOCK = 'handoff_actions';
const STATUS_BLOCK = 'handoff_status';

/** What the buttons of a hand-off card carry. */
export interface HandoffRef {
  /** conversationId of the customer's conversation. */
  c: string;
  /** The customer's Slack user id. */
  u: string;
}

export function encodeHandoffRef(ref: HandoffRef): string {
  return JSON.stringify(ref);
}

export function decodeHandoffRef(value: string | undefined): HandoffRef | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as Partial<HandoffRef>;
    return typeof v.c === 'string' && v.c && typeof v.u === 'string' ? { c: v.c, u: v.u } : null;
  } catch {
    return null;
  }
}

function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text: label },
    value,
    ...(style ? { style } : {}),
  };
}

export function renderHandoffCard(summaryText: string, ref: HandoffRef, where: { permalink?: string; isDirectMessage: boolean }): SlackMessage {
  const place = where.isDirectMessage
    ? `Direct message with <@${ref.u}>. After you claim it, reply in this thread and the bot passes your words on.`
    : `Thread with <@${ref.u}>${where.permalink ? `: <${where.permalink}|open the conversation>` : ''}. Reply there, or in this thread and the bot passes it on.`;
  const summary = toMrkdwn(summaryText);
  const blocks: Block[] = [
    ...sections(summary),
    context(place),
    context(':hourglass_flowing_sand: Waiting for someone to claim it.', STATUS_BLOCK),
    { type: 'actions', block_id: ACTIONS_BLOCK, elements: [button(HANDOFF_CLAIM, 'Claim', encodeHandoffRef(ref), 'primary')] },
  ];
  return { text: truncate(`A customer needs a person. ${summary.split('\n').slice(0, 3).join(' ')}`, 3000), blocks: blocks.slice(-BLOCKS_MAX) };
}

function base(blocks: Block[] | undefined): Block[] {
  return (blocks ?? []).filter((b) => b.block_id !== ACTIONS_BLOCK && b.block_id !== STATUS_BLOCK);
}

export function claimedCard(blocks: Block[] | undefined, ref: HandoffRef, agentId: string): Block[] {
  const value = encodeHandoffRef(ref);
  const out: Block[] = [
    ...base(blocks),
    context(`:large_green_circle: Claimed by <@${agentId}>. The bot stays quiet in this conversation until you release it.`, STATUS_BLOCK),
    {
      type: 'actions',
      block_id: ACTIONS_BLOCK,
      elements: [button(HANDOFF_RELEASE, 'Release', value), button(HANDOFF_RESOLVE, 'Resolved', value, 'primary')],
    },
  ];
  return out.slice(-BLOCKS_MAX);
}

export function closedCard(blocks: Block[] | undefined, status: string): Block[] {
  return [...base(blocks), context(status, STATUS_BLOCK)].slice(-BLOCKS_MAX);
}

// Builds Block Kit messages that stay inside Slack's limits:
// section text <= 3000 characters, <= 50 blocks per message, message text <= 40,000 characters.
import type { types } from '@slack/bolt';
import type { AnswerOption } from '../../../src/engine/types';
import { splitText as splitShared, truncate, type SafeCut } from '../../shared/split-text';
import { escapeSlack, toMrkdwn } from './mrkdwn';

export { truncate };

export type Block = types.KnownBlock;

export const SECTION_TEXT_MAX = 3000;
export const BLOCKS_MAX = 50;
export const MESSAGE_TEXT_MAX = 40_000;
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
export const BUTTONS_PER_ACTIONS_BLOCK = 25;
export const BLOCK_ID_MAX = 255;

/** Sections per message, leaving room for a button row and a context line. */
const SECTIONS_PER_MESSAGE = BLOCKS_MAX - 5;
/** Text per message, leaving room for the fallback text's separators. */
const TEXT_PER_MESSAGE = MESSAGE_TEXT_MAX - 2000;

export const OPTION_BLOCK_PREFIX = 'answer_options';
export const OPTION_ACTION_PATTERN = /^answer_option_\d+$/;

export interface SlackMessage {
  /** Fallback text for notifications and clients without Block Kit. */
  text: string;
  blocks: Block[];
}

/** The cut moves before a <link|label> or an &entity; that it would break. */
const keepLinksAndEntities: SafeCut = (line, cut) => {
  const head = line.slice(0, cut);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && open > 0) cut = open;
  const amp = line.slice(0, cut).lastIndexOf('&');
  if (amp > cut - 8 && amp > 0 && !line.slice(amp, cut).includes(';')) cut = amp;
  return cut;
};

/** Splits mrkdwn into chunks of at most `max` characters, preferring paragraph, then line boundaries. */
export function splitText(text: string, max = SECTION_TEXT_MAX): string[] {
  return splitShared(text, max, keepLinksAndEntities);
}

export function section(text: string, blockId?: string): Block {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: { type: 'mrkdwn', text } };
}

export function sections(mrkdwn: string): Block[] {
  return splitText(mrkdwn).map((t) => section(t));
}

export function context(text: string, blockId?: string): Block {
  return { type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) }] };
}

/** Packs section chunks into as many messages as the block and text limits require. */
export function packMessages(chunks: string[]): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let blocks: Block[] = [];
  let texts: string[] = [];
  let size = 0;
  const flush = () => {
    if (blocks.length) messages.push({ text: texts.join('\n\n'), blocks });
    blocks = [];
    texts = [];
    size = 0;
  };
  for (const chunk of chunks) {
    if (blocks.length >= SECTIONS_PER_MESSAGE || size + chunk.length + 2 > TEXT_PER_MESSAGE) flush();
    blocks.push(section(chunk));
    texts.push(chunk);
    size += chunk.length + 2;
  }
  flush();
  return messages;
}

/** The block id of an option row carries the conversation it belongs to. */
export function optionBlockId(conversationId: string): string {
  const id = `${OPTION_BLOCK_PREFIX}|${conversationId}`;
  return id.length <= BLOCK_ID_MAX ? id : OPTION_BLOCK_PREFIX;
}

export function conversationFromBlockId(blockId: string | undefined): string | undefined {
  if (!blockId?.startsWith(`${OPTION_BLOCK_PREFIX}|`)) return undefined;
  return blockId.slice(OPTION_BLOCK_PREFIX.length + 1) || undefined;
}

export function optionButtons(options: AnswerOption[], conversationId: string): Block {
  return {
    type: 'actions',
    block_id: optionBlockId(conversationId),
    elements: options.slice(0, BUTTONS_PER_ACTIONS_BLOCK).map((o, i) => ({
      type: 'button',
      action_id: `answer_option_${i}`,
      text: { type: 'plain_text', text: truncate(o.label, BUTTON_TEXT_MAX), emoji: true },
      value: o.id.slice(0, BUTTON_VALUE_MAX),
    })),
  };
}

/**
 * One bot reply as Slack messages: the Markdown converted to mrkdwn, split to fit, and the
 * answer options as buttons on the last message.
 */
export function renderReply(markdown: string, options: AnswerOption[], conversationId: string): SlackMessage[] {
  const mrkdwn = toMrkdwn(markdown);
  const messages = packMessages(splitText(mrkdwn));
  if (options.length) {
    if (!messages.length) messages.push({ text: options.map((o) => escapeSlack(o.label)).join(' / '), blocks: [] });
    messages[messages.length - 1].blocks.push(optionButtons(options, conversationId));
  }
  return messages;
}

/** Blocks of a message with its option buttons removed and the picked answer shown instead. */
export function withChoice(blocks: Block[] | undefined, label: string, userId: string): Block[] {
  const kept = (blocks ?? []).filter((b) => !(b.type === 'actions' && (b.block_id ?? '').startsWith(OPTION_BLOCK_PREFIX)));
  kept.push(context(`:white_check_mark: <@${userId}> chose *${escapeSlack(label)}*`));
  return kept.slice(-BLOCKS_MAX);
}

/** Blocks of a message with its option buttons removed (the question was answered by typing). */
export function withoutButtons(blocks: Block[]): Block[] {
  return blocks.filter((b) => !(b.type === 'actions' && (b.block_id ?? '').startsWith(OPTION_BLOCK_PREFIX)));
}

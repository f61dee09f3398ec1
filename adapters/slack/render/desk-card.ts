// The hand-off card in SLACK_AGENT_CHANNEL, in Block Kit: who and where, the likely cause with its
// evidence, the facts still missing, the redacted transcript, the waiting time, Claim / Release /
// Resolve and the "Send macro" menu. Built from the shared card model (adapters/shared/desk-card.ts).
import type { DeskTexts } from '../../../src/desk/texts';
import type { HandoffRecord } from '../../../src/desk/types';
import { buttonLabel, cardModel, type CardFormatting, type CardModel } from '../../shared/desk-card';
import { BLOCKS_MAX, context, section, truncate, type Block, type SlackMessage } from './blocks';
import { escapeSlack } from './mrkdwn';
import { neutraliseUserText } from '../../../src/engine/safety/markup';

export const DESK_CLAIM = 'desk_claim';
export const DESK_RELEASE = 'desk_release';
export const DESK_RESOLVE = 'desk_resolve';
export const DESK_MACRO = 'desk_macro';
const ACTION_IDS = { claim: DESK_CLAIM, release: DESK_RELEASE, resolve: DESK_RESOLVE } as const;
/** Slack's limits for select options. */
const OPTION_TEXT_MAX = 75;

/** Slack's own date formatting: every reader sees "5 minutes ago" in their client, live. */
export function slackSince(at: number): string {
  const s = Math.floor(at / 1000);
  return `<!date^${s}^{ago}|${new Date(at).toISOString().replace(/\.\d+Z$/, 'Z')}>`;
}

export function slackCardFormatting(causeTitle: CardFormatting['causeTitle'], durationMs: number, supportHours: string | null): CardFormatting {
  return {
    user: (r) => (r.ref.channel === 'slack' ? `<@${r.ref.userId}>` : escapeSlack(r.userName ?? '')),
    agent: (a) => `<@${a.id}>`,
    since: slackSince,
    plain: (text) => escapeSlack(neutraliseUserText(text)),
    causeTitle,
    durationMs,
    supportHours,
  };
}

export function renderModel(t: DeskTexts, m: CardModel, recordId: string, permalink?: string): SlackMessage {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(m.title, 150) } }];
  blocks.push({
    type: 'section',
    fields: m.fields.map((f) => ({
      type: 'mrkdwn' as const,
      text: truncate(`*${f.label}*\n${f.value}${permalink && f === m.fields[0] ? ` (<${permalink}|open>)` : ''}`, 2000),
    })),
  });
  for (const s of m.sections) {
    const lines = s.lines.map((l) => (s.quoted ? `> ${l}` : s.lines.length > 1 ? `• ${l}` : l));
    blocks.push(section(truncate(`*${s.label}*\n${lines.join('\n')}`, 3000)));
  }
  for (const n of m.notes) blocks.push(context(n));
  blocks.push(context(m.status, 'desk_status'));
  if (m.howTo) blocks.push(context(m.howTo));
  const elements: Record<string, unknown>[] = m.buttons.map((b) => ({
    type: 'button',
    action_id: ACTION_IDS[b],
    text: { type: 'plain_text', text: buttonLabel(t, b) },
    value: recordId,
    ...(b === 'claim' ? { style: 'primary' } : {}),
  }));
  if (m.macros.length) {
    elements.push({
      type: 'static_select',
      action_id: DESK_MACRO,
      placeholder: { type: 'plain_text', text: t.macro_menu },
      options: m.macros.map((x) => ({ text: { type: 'plain_text', text: truncate(x.label, OPTION_TEXT_MAX) }, value: `${recordId}|${x.cause ?? 'none'}` })),
    });
  }
  if (elements.length) blocks.push({ type: 'actions', block_id: 'desk_actions', elements } as unknown as Block);
  const text = truncate(`${m.title}: ${m.fields.map((f) => `${f.label} ${f.value}`).join(', ')}. ${m.status}`, 3000);
  return { text, blocks: blocks.slice(0, BLOCKS_MAX) };
}

export function renderDeskCard(t: DeskTexts, record: HandoffRecord, f: CardFormatting, permalink?: string): SlackMessage {
  return renderModel(t, cardModel(t, record, f), record.id, permalink);
}

/** Reads a macro option's value back: the hand-off id and the cause (null: ask for the missing facts). */
export function parseMacroValue(value: string | undefined): { id: string; cause: string | null } | null {
  const m = /^([A-Za-z0-9_-]{6,32})\|([a-z_]{2,40})$/.exec(value ?? '');
  if (!m) return null;
  return { id: m[1]!, cause: m[2] === 'none' ? null : m[2]! };
}

// What a hand-off card says, for every agents' channel: Slack (Block Kit) and Discord (an embed)
// render this same model, in the texts of intents/knowledge/desk.yaml.
import { CAUSES, type Cause } from '../../src/engine/types';
import type { DeskTexts } from '../../src/desk/texts';
import { format, formatDuration } from '../../src/desk/texts';
import type { DeskAgent, HandoffRecord } from '../../src/desk/types';
import { isOpen } from '../../src/desk/desk';

export type CardButton = 'claim' | 'release' | 'resolve';

export interface CardModel {
  title: string;
  fields: { label: string; value: string }[];
  sections: { label: string; lines: string[]; quoted?: boolean }[];
  notes: string[];
  /** The status line; `{since}` / `{agent}` already filled by the platform's own formatting. */
  status: string;
  howTo: string | null;
  buttons: CardButton[];
  /** Open cards offer every cause's macro, plus one that asks for the missing facts (cause null). */
  macros: { cause: Cause | null; label: string }[];
}

export interface CardFormatting {
  /** How the platform shows the customer (a mention for its own users, else the name). */
  user(record: HandoffRecord): string;
  /** How the platform shows an agent (a mention). */
  agent(agent: DeskAgent): string;
  /** A live "since" (Slack <!date>, Discord <t:…:R>). */
  since(at: number): string;
  /** User text made inert for the platform's markup. */
  plain(text: string): string;
  causeTitle(cause: Cause): string;
  durationMs: number;
  supportHours: string | null;
}

export function channelLabel(t: DeskTexts, record: HandoffRecord): string {
  if (record.ref.channel === 'web') return record.ref.conversationId.startsWith('api:') ? t.channels.api : t.channels.web;
  return t.channels[record.ref.channel];
}

export function cardModel(t: DeskTexts, record: HandoffRecord, f: CardFormatting): CardModel {
  const cause = record.likelyCause
    ? `${f.causeTitle(record.likelyCause)} (${record.likelyCause}, ${Math.round(record.causeConfidence * 100)}%)`
    : t.card_no_cause;
  const sections: CardModel['sections'] = [
    { label: t.card_reason, lines: [t.reasons[record.reason]] },
    { label: t.card_cause, lines: [cause] },
  ];
  if (record.evidence.length) sections.push({ label: t.card_evidence, lines: record.evidence.map(f.plain), quoted: true });
  if (record.facts.length) sections.push({ label: t.card_facts, lines: record.facts });
  if (record.missing.length) sections.push({ label: t.card_missing, lines: record.missing.slice(0, 5) });
  if (record.transcript.length) sections.push({ label: t.card_transcript, lines: record.transcript.map((w) => f.plain(w.slice(0, 300))), quoted: true });
  const notes: string[] = [];
  if (record.secretShared) notes.push(t.card_secret_shared);
  if (record.outsideHours && f.supportHours) notes.push(format(t.card_outside_hours, { hours: f.supportHours }));
  const closer = record.closedBy ?? record.agent;
  const status =
    record.status === 'waiting'
      ? format(t.card_waiting, { since: f.since(record.createdAt) })
      : record.status === 'claimed'
        ? format(t.card_claimed, { agent: record.agent ? f.agent(record.agent) : '' })
        : record.status === 'timed_out'
          ? format(t.card_timed_out, { duration: formatDuration(t, f.durationMs) })
          : format(record.status === 'resolved' ? t.card_resolved : t.card_released, { agent: closer ? f.agent(closer) : '' });
  const open = isOpen(record);
  return {
    title: t.card_title,
    fields: [
      { label: t.card_channel, value: channelLabel(t, record) },
      { label: t.card_user, value: f.user(record) || t.card_user_unknown },
    ],
    sections,
    notes,
    status,
    howTo: open ? t.card_how_to : null,
    buttons: record.status === 'waiting' ? ['claim', 'resolve'] : record.status === 'claimed' ? ['release', 'resolve'] : [],
    macros: open ? [...CAUSES.map((c) => ({ cause: c as Cause | null, label: f.causeTitle(c) })), { cause: null, label: t.card_missing }] : [],
  };
}

export function buttonLabel(t: DeskTexts, b: CardButton): string {
  return b === 'claim' ? t.button_claim : b === 'release' ? t.button_release : t.button_resolve;
}

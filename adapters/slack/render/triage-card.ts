// The triage card an agent sees after `/regionlock triage …` or the "Triage ticket" shortcut.
import type { TriageResult } from '../../../src/engine/types';
import type { DeskTexts } from '../../../src/desk/texts';
import { format } from '../../../src/desk/texts';
import { causeLabel, mostLikelyCause, percent, triageWarnings, type WarningKind } from '../../shared/triage-summary';
import { escapeSlack, toMrkdwn } from './mrkdwn';
import { context, sections, truncate, type Block, type SlackMessage, BLOCKS_MAX } from './blocks';

const WARNING_ICONS: Record<WarningKind, string> = { secret: ':rotating_light:', frozen: ':lock:', handoff: ':raising_hand:', angry: ':fire:' };

export function renderTriageCard(result: TriageResult, t: DeskTexts, opts: { sourceLink?: string } = {}): SlackMessage {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: t.triage.title, emoji: true } }];

  const warnings = triageWarnings(t, result.flags).map((w) => `${WARNING_ICONS[w.kind]} ${w.text}`);
  if (warnings.length) blocks.push(...sections(warnings.join('\n')));

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n      _${t.triage.evidence}:_ ${c.evidence
                .slice(0, 5)
                .map((e) => `“${escapeSlack(truncate(e.replace(/\s+/g, ' ').trim(), 200))}”`)
                .join(', ')}`
            : '';
          return `${i + 1}. *${causeLabel(t, c.cause)}* (\`${c.cause}\`) · ${percent(c.confidence)}${evidence}`;
        })
        .join('\n')
    : t.triage.no_cause;
  blocks.push(...sections(`*${t.triage.causes}*\n${causes}`));

  if (result.missingFacts.length) {
    blocks.push(...sections(`*${t.triage.missing}*\n${result.missingFacts.map((f) => `• ${escapeSlack(f)}`).join('\n')}`));
  }

  if (result.suggestedReply.trim()) {
    const quoted = toMrkdwn(result.suggestedReply)
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    blocks.push(...sections(`*${t.triage.suggested}*\n${quoted}`));
  }

  const meta = [`:stopwatch: ${t.triage.processing_time}: ${escapeSlack(result.processingTime || t.triage.unknown_time)}`];
  if (opts.sourceLink) meta.push(`<${opts.sourceLink}|${escapeSlack(t.triage.original)}>`);
  blocks.push(context(meta.join('  ·  ')));

  const top = mostLikelyCause(t, result);
  const text = top ? format(t.triage.notification, { cause: top }) : t.triage.notification_none;
  return { text, blocks: blocks.slice(0, BLOCKS_MAX) };
}

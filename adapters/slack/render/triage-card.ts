// The triage card an agent sees after `/regionlock triage …` or the "Triage ticket" shortcut.
import type { TriageResult } from '../../../src/engine/types';
import { NO_CAUSE_YET, causeLabel, mostLikelyCause, percent, triageWarnings, type WarningKind } from '../../shared/triage-summary';
import { escapeSlack, toMrkdwn } from './mrkdwn';
import { context, sections, truncate, type Block, type SlackMessage, BLOCKS_MAX } from './blocks';

const WARNING_ICONS: Record<WarningKind, string> = { secret: ':rotating_light:', frozen: ':lock:', handoff: ':raising_hand:', angry: ':fire:' };

export function renderTriageCard(result: TriageResult, opts: { sourceLink?: string } = {}): SlackMessage {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Ticket triage', emoji: true } }];

  const warnings = triageWarnings(result.flags).map((w) => `${WARNING_ICONS[w.kind]} ${w.text}`);
  if (warnings.length) blocks.push(...sections(warnings.join('\n')));

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n      _Evidence:_ ${c.evidence
                .slice(0, 5)
                .map((e) => `“${escapeSlack(truncate(e.replace(/\s+/g, ' ').trim(), 200))}”`)
                .join(', ')}`
            : '';
          return `${i + 1}. *${causeLabel(c.cause)}* (\`${c.cause}\`) · ${percent(c.confidence)}${evidence}`;
        })
        .join('\n')
    : NO_CAUSE_YET;
  blocks.push(...sections(`*Likely causes*\n${causes}`));

  if (result.missingFacts.length) {
    blocks.push(...sections(`*Still worth asking*\n${result.missingFacts.map((f) => `• ${escapeSlack(f)}`).join('\n')}`));
  }

  if (result.suggestedReply.trim()) {
    const quoted = toMrkdwn(result.suggestedReply)
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n');
    blocks.push(...sections(`*Suggested reply*\n${quoted}`));
  }

  const meta = [`:stopwatch: Expected processing time: ${escapeSlack(result.processingTime)}`];
  if (opts.sourceLink) meta.push(`<${opts.sourceLink}|Original message>`);
  blocks.push(context(meta.join('  ·  ')));

  const top = mostLikelyCause(result);
  const text = top ? `Ticket triage: most likely ${top}` : 'Ticket triage: no clear cause yet';
  return { text, blocks: blocks.slice(0, BLOCKS_MAX) };
}

// The triage card an agent sees after `/triage` or the "Triage ticket" context-menu command:
// one embed (description <= 4096, field values <= 1024, 6000 characters in all).
import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { TriageResult } from '../../../src/engine/types';
import { NO_CAUSE_YET, causeLabel, mostLikelyCause, percent, triageWarnings, type WarningKind } from '../../shared/triage-summary';
import { truncate } from './split';

const WARNING_ICONS: Record<WarningKind, string> = { secret: '🚨', frozen: '🔒', handoff: '🙋', angry: '🔥' };

const FIELD_MAX = 1024;
const DESCRIPTION_MAX = 4096;
const EMBED_COLOUR = 0xf0b90b;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function renderTriageCard(result: TriageResult, opts: { sourceUrl?: string } = {}): EmbedBuilder {
  const warnings = triageWarnings(result.flags).map((w) => `${WARNING_ICONS[w.kind]} ${w.text}`);

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n   Evidence: ${c.evidence
                .slice(0, 3)
                .map((e) => `“${escapeMarkdown(truncate(oneLine(e), 120))}”`)
                .join(', ')}`
            : '';
          return `${i + 1}. **${causeLabel(c.cause)}** (\`${c.cause}\`) · ${percent(c.confidence)}${evidence}`;
        })
        .join('\n')
    : NO_CAUSE_YET;

  const embed = new EmbedBuilder().setTitle('Ticket triage').setColor(EMBED_COLOUR);
  const suggested = result.suggestedReply.trim();
  const description = [
    warnings.join('\n'),
    suggested
      ? `**Suggested reply**\n${suggested
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  if (description) embed.setDescription(truncate(description, DESCRIPTION_MAX));
  embed.addFields({ name: 'Likely causes', value: truncate(causes, FIELD_MAX) });
  if (result.missingFacts.length) {
    embed.addFields({ name: 'Still worth asking', value: truncate(result.missingFacts.map((f) => `• ${escapeMarkdown(f)}`).join('\n'), FIELD_MAX) });
  }
  embed.addFields({ name: 'Expected processing time', value: truncate(result.processingTime || 'unknown', FIELD_MAX), inline: true });
  if (opts.sourceUrl) embed.addFields({ name: 'Ticket', value: `[Original message](${opts.sourceUrl})`, inline: true });
  return embed;
}

/** One line for notifications and logs. */
export function triageHeadline(result: TriageResult): string {
  const top = mostLikelyCause(result);
  return top ? `Most likely: ${top}` : 'No clear cause yet';
}

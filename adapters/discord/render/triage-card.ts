// The triage card an agent sees after `/triage` or the "Triage ticket" context-menu command:
// one embed (description <= 4096, field values <= 1024, 6000 characters in all).
import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { TriageResult } from '../../../src/engine/types';
import type { DeskTexts } from '../../../src/desk/texts';
import { causeLabel, percent, triageWarnings, type WarningKind } from '../../shared/triage-summary';
import { truncate } from './split';

const WARNING_ICONS: Record<WarningKind, string> = { secret: '🚨', frozen: '🔒', handoff: '🙋', angry: '🔥' };

const FIELD_MAX = 1024;
const DESCRIPTION_MAX = 4096;
const EMBED_COLOUR = 0xf0b90b;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function renderTriageCard(result: TriageResult, t: DeskTexts, opts: { sourceUrl?: string } = {}): EmbedBuilder {
  const warnings = triageWarnings(t, result.flags).map((w) => `${WARNING_ICONS[w.kind]} ${w.text}`);

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n   ${t.triage.evidence}: ${c.evidence
                .slice(0, 3)
                .map((e) => `“${escapeMarkdown(truncate(oneLine(e), 120))}”`)
                .join(', ')}`
            : '';
          return `${i + 1}. **${causeLabel(t, c.cause)}** (\`${c.cause}\`) · ${percent(c.confidence)}${evidence}`;
        })
        .join('\n')
    : t.triage.no_cause;

  const embed = new EmbedBuilder().setTitle(t.triage.title).setColor(EMBED_COLOUR);
  const suggested = result.suggestedReply.trim();
  const description = [
    warnings.join('\n'),
    suggested
      ? `**${t.triage.suggested}**\n${suggested
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  if (description) embed.setDescription(truncate(description, DESCRIPTION_MAX));
  embed.addFields({ name: t.triage.causes, value: truncate(causes, FIELD_MAX) });
  if (result.missingFacts.length) {
    embed.addFields({ name: t.triage.missing, value: truncate(result.missingFacts.map((f) => `• ${escapeMarkdown(f)}`).join('\n'), FIELD_MAX) });
  }
  embed.addFields({ name: t.triage.processing_time, value: truncate(result.processingTime || t.triage.unknown_time, FIELD_MAX), inline: true });
  if (opts.sourceUrl) embed.addFields({ name: t.triage.ticket, value: `[${escapeMarkdown(t.triage.original)}](${opts.sourceUrl})`, inline: true });
  return embed;
}

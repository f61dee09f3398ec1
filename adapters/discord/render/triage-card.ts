// The triage card an agent sees after `/triage` or the "Triage ticket" context-menu command:
// one embed (description <= 4096, field values <= 1024, 6000 characters in all).
import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { Cause, TriageResult } from '../../../src/engine/types';
import { truncate } from './split';

export const CAUSE_LABELS: Record<Cause, string> = {
  ip_geo: 'Network location in a restricted region',
  kyc_region: 'Verified residence (KYC) in a restricted country',
  policy_change: 'Exchange stopped serving the country',
  risk_control: 'Security check after unusual access',
  ip_misidentified: 'IP address placed in the wrong country',
  account_frozen: 'Frozen account, not a region lock',
};

const FIELD_MAX = 1024;
const DESCRIPTION_MAX = 4096;
const EMBED_COLOUR = 0xf0b90b;

const pct = (x: number) => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function renderTriageCard(result: TriageResult, opts: { sourceUrl?: string } = {}): EmbedBuilder {
  const warnings: string[] = [];
  if (result.flags.secretShared) warnings.push('🚨 The ticket contains a password, key or code. Tell the customer to change it and never send it again.');
  if (result.flags.frozenNotRegionLock) warnings.push('🔒 This reads like a frozen account (no login at all), not a region lock.');
  if (result.flags.handoffRequested) warnings.push('🙋 The customer asks to talk to a person.');
  if (result.flags.angryCustomer) warnings.push('🔥 The customer sounds upset. Lead with an apology.');

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n   Evidence: ${c.evidence.slice(0, 3).map((e) => `“${escapeMarkdown(truncate(oneLine(e), 120))}”`).join(', ')}`
            : '';
          return `${i + 1}. **${CAUSE_LABELS[c.cause] ?? c.cause}** (\`${c.cause}\`) · ${pct(c.confidence)}${evidence}`;
        })
        .join('\n')
    : 'No cause stands out yet. Ask the questions below first.';

  const embed = new EmbedBuilder().setTitle('Ticket triage').setColor(EMBED_COLOUR);
  const suggested = result.suggestedReply.trim();
  const description = [warnings.join('\n'), suggested ? `**Suggested reply**\n${suggested.split('\n').map((l) => `> ${l}`).join('\n')}` : '']
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
  const top = result.causes[0];
  return top ? `Most likely: ${CAUSE_LABELS[top.cause] ?? top.cause} (${pct(top.confidence)})` : 'No clear cause yet';
}

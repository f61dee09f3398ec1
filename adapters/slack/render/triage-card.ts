// The triage card an agent sees after `/regionlock triage …` or the "Triage ticket" shortcut.
import type { Cause, TriageResult } from '../../../src/engine/types';
import { escapeSlack, toMrkdwn } from './mrkdwn';
import { context, sections, truncate, type Block, type SlackMessage, BLOCKS_MAX } from './blocks';

export const CAUSE_LABELS: Record<Cause, string> = {
  ip_geo: 'Network location in a restricted region',
  kyc_region: 'Verified residence (KYC) in a restricted country',
  policy_change: 'Exchange stopped serving the country',
  risk_control: 'Security check after unusual access',
  ip_misidentified: 'IP address placed in the wrong country',
  account_frozen: 'Frozen account, not a region lock',
};

const pct = (x: number) => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;

export function renderTriageCard(result: TriageResult, opts: { sourceLink?: string } = {}): SlackMessage {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: 'Ticket triage', emoji: true } }];

  const warnings: string[] = [];
  if (result.flags.secretShared) warnings.push(':rotating_light: The ticket contains a password, key or code. Tell the customer to change it and never send it again.');
  if (result.flags.frozenNotRegionLock) warnings.push(':lock: This reads like a frozen account (no login at all), not a region lock.');
  if (result.flags.handoffRequested) warnings.push(':raising_hand: The customer asks to talk to a person.');
  if (result.flags.angryCustomer) warnings.push(':fire: The customer sounds upset. Lead with an apology.');
  if (warnings.length) blocks.push(...sections(warnings.join('\n')));

  const causes = result.causes.length
    ? result.causes
        .map((c, i) => {
          const evidence = c.evidence.length
            ? `\n      _Evidence:_ ${c.evidence.slice(0, 5).map((e) => `“${escapeSlack(truncate(e.replace(/\s+/g, ' ').trim(), 200))}”`).join(', ')}`
            : '';
          return `${i + 1}. *${CAUSE_LABELS[c.cause] ?? c.cause}* (\`${c.cause}\`) · ${pct(c.confidence)}${evidence}`;
        })
        .join('\n')
    : 'No cause stands out yet. Ask the questions below first.';
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

  const top = result.causes[0];
  const text = top
    ? `Ticket triage: most likely ${CAUSE_LABELS[top.cause] ?? top.cause} (${pct(top.confidence)})`
    : 'Ticket triage: no clear cause yet';
  return { text, blocks: blocks.slice(0, BLOCKS_MAX) };
}

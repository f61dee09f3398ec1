// A readable table of a ticket backlog: one row per ticket, then counts per cause.
import type { TriageResult } from '../engine/types';
import { redactSecrets } from '../engine/safety/redact';

const FLAG_NAMES: [keyof TriageResult['flags'], string][] = [
  ['secretShared', 'secret'],
  ['frozenNotRegionLock', 'frozen'],
  ['longWait', 'long-wait'],
  ['handoffRequested', 'wants-human'],
  ['angryCustomer', 'angry'],
];

/** Most urgent first: a frozen account, then a shared secret, a long wait, an angry customer. */
export function urgency(t: TriageResult): number {
  const f = t.flags;
  return (f.frozenNotRegionLock ? 8 : 0) + (f.secretShared ? 4 : 0) + (f.longWait ? 2 : 0) + (f.angryCustomer ? 1 : 0);
}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

export function backlogTable(rows: { id: string; text: string; triage: TriageResult }[]): string {
  const header = `${'id'.padEnd(10)} ${'top cause'.padEnd(17)} ${'conf'.padStart(5)}  ${'flags'.padEnd(40)} ${'ticket'}`;
  const lines = [header, '-'.repeat(header.length + 30)];
  const counts = new Map<string, number>();
  // Stable sort: tickets of equal urgency keep the backlog's order.
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => urgency(b.r.triage) - urgency(a.r.triage) || a.i - b.i)
    .map(({ r }) => r);
  for (const { id, text, triage } of sorted) {
    const top = triage.causes[0]!;
    counts.set(top.cause, (counts.get(top.cause) ?? 0) + 1);
    const flags =
      FLAG_NAMES.filter(([k]) => triage.flags[k])
        .map(([, n]) => n)
        .join(',') || '-';
    const snippet = redactSecrets(text).text.replace(/\s+/g, ' ');
    lines.push(`${cut(id, 10)} ${top.cause.padEnd(17)} ${top.confidence.toFixed(2).padStart(5)}  ${flags.padEnd(40)} ${cut(snippet, 60)}`);
  }
  lines.push('', 'tickets per likely cause:');
  for (const [cause, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) lines.push(`  ${cause.padEnd(17)} ${n}`);
  lines.push(`  ${'total'.padEnd(17)} ${rows.length}`);
  return lines.join('\n');
}

// `region-lock-bot triage FILE.jsonl|-`: reads tickets, prints triage as JSONL or a backlog table.
import type { Command } from '../main';
import { UsageError } from '../main';
import { eachJsonlLine, requireText, writeLine, parseFlags } from '../jsonl';
import { loadConfig } from '../../config';
import { createEngine } from '../../engine/index';
import type { TriageResult } from '../../engine/types';
import { backlogTable } from '../triage-table';
import { parseCsv } from '../csv';
import { readFileSync } from 'node:fs';

export const command: Command = {
  summary: 'Triage support tickets: JSONL lines with "text" in, ranked causes, missing facts, reply and flags out',
  usage: 'region-lock-bot triage FILE.jsonl|FILE.csv [--format jsonl|table]   (or - for standard input)',
  async run(args) {
    const { flags, positional } = parseFlags(args, { format: 'string' });
    const format = (flags.format as string | undefined) ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'table') throw new UsageError('--format must be jsonl or table');
    if (positional.length !== 1) throw new UsageError('expected exactly one input (a JSONL file or -)');
    const engine = createEngine(loadConfig());
    const rows: { id: string; text: string; triage: TriageResult }[] = [];
    // A CSV export (a header row with a "text" column) works like JSONL.
    if (positional[0]!.toLowerCase().endsWith('.csv')) {
      const records = parseCsv(readFileSync(positional[0]!, 'utf8'));
      for (const [i, record] of records.entries()) {
        const text = record.text ?? record.body ?? record.message ?? record.description;
        if (text === undefined) {
          console.error(`region-lock-bot triage: ${positional[0]}: needs a "text" column`);
          return 1;
        }
        const triage = engine.triage(text);
        if (format === 'jsonl') {
          const { text: _t, ...rest } = record;
          await writeLine(JSON.stringify({ ...rest, triage }));
        } else rows.push({ id: record.id || String(i + 2), text, triage });
      }
      if (format === 'table') console.log(backlogTable(rows));
      return 0;
    }
    const status = await eachJsonlLine('triage', positional[0]!, requireText, async ({ value, lineNo }) => {
      const triage = engine.triage(value.text as string);
      if (format === 'jsonl') {
        const { text: _text, ...rest } = value;
        await writeLine(JSON.stringify({ ...rest, triage }));
      } else rows.push({ id: String(value.id ?? lineNo), text: value.text as string, triage });
    });
    if (status) return status;
    if (format === 'table') console.log(backlogTable(rows));
    return 0;
  },
};

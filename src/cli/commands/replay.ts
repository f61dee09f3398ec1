// `region-lock-bot replay FILE.jsonl|-`: one fresh conversation per line, every turn's decision out.
import type { Command } from '../main';
import { UsageError } from '../main';
import { eachJsonlLine, writeLine, parseFlags } from '../jsonl';
import { loadConfig } from '../../config';
import { createEngine } from '../../engine/index';
import { replayConversation } from '../../engine/replay';

function validate(v: unknown): string | null {
  const { id, turns } = v as { id?: unknown; turns?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return 'needs an "id" field (a string)';
  if (!Array.isArray(turns) || !turns.every((t) => typeof t === 'string')) return 'needs a "turns" field: a list of strings';
  return null;
}

export const command: Command = {
  summary: 'Replay conversations: JSONL lines {"id","turns":[...]} in, every turn (intent, state, cause, reply, options) out',
  usage: 'region-lock-bot replay FILE.jsonl   (or - for standard input)',
  async run(args) {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 1) throw new UsageError('expected exactly one input (a JSONL file or -)');
    const engine = createEngine(loadConfig());
    return eachJsonlLine('replay', positional[0]!, validate, async ({ value }) => {
      const turns = replayConversation(engine, value.turns as string[]);
      await writeLine(JSON.stringify({ id: String(value.id), turns }));
    });
  },
};

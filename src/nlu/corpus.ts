// Loads the training corpus from intents/nlu/*.yaml, validated with zod; errors name file, entry and problem.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS, type IntentName } from '../shared/types';
import { INTENTS_DIR } from '../paths';

const intentFileSchema = z.object({
  intent: z.enum(INTENTS, { message: `must be one of the intent catalog names` }),
  description: z.string().min(5, 'must say in a line what the intent means'),
  utterances: z.array(z.string().trim().min(1, 'must not be empty')).min(5, 'needs at least 5 utterances'),
});

export interface IntentData {
  intent: IntentName;
  description: string;
  utterances: string[];
  file: string;
}

export class CorpusError extends Error {}

export function corpusFiles(dir = join(INTENTS_DIR, 'nlu')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadCorpus(dir = join(INTENTS_DIR, 'nlu')): IntentData[] {
  const seen = new Map<IntentName, string>();
  const out: IntentData[] = [];
  for (const file of corpusFiles(dir)) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CorpusError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = intentFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = issue.path.length ? issue.path.join('.') : '(top level)';
      throw new CorpusError(`${file}: entry ${where}: ${issue.message}`);
    }
    const previous = seen.get(parsed.data.intent);
    if (previous) throw new CorpusError(`${file}: intent "${parsed.data.intent}" is already defined in ${previous}`);
    seen.set(parsed.data.intent, file);
    out.push({ ...parsed.data, file });
  }
  const missing = INTENTS.filter((i) => !seen.has(i));
  if (missing.length) throw new CorpusError(`${dir}: no training data for intents: ${missing.join(', ')}`);
  return out;
}

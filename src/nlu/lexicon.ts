// Loads intents/lexicon/normalize.yaml: slang, contractions and emoji rewrites (data, not code).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS_DIR } from '../paths';

const lexiconSchema = z.object({
  words: z.record(z.string(), z.string()),
  contractions: z.record(z.string(), z.string()),
  emoji: z.record(z.string(), z.string()),
});

export type Lexicon = z.infer<typeof lexiconSchema>;

export function loadLexicon(file = join(INTENTS_DIR, 'lexicon', 'normalize.yaml')): Lexicon {
  const parsed = lexiconSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

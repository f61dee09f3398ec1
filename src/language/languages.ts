// The languages the bot can serve (intents/languages.yaml), validated with zod, and where each
// language's data lives. English, the default, lives at the top of intents/nlu, knowledge, lexicon;
// every other language in a folder named after its code.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from '../paths';
import { DataFileError, readYaml } from '../shared/yaml-file';

export const DEFAULT_LANGUAGE = 'en';
export const TOKENIZERS = ['words', 'chinese'] as const;
export type Tokenizer = (typeof TOKENIZERS)[number];

const code = z.string().regex(/^[a-z]{2,3}$/, 'must be a two- or three-letter language code');
const fileSchema = z.object({
  languages: z.record(code, z.object({ name: z.string().min(1), tokenizer: z.enum(TOKENIZERS) })),
  unsupported: z.record(z.string(), z.string().min(1)).refine((u) => 'default' in u, { message: 'needs a "default" line' }),
  pasted_text: z
    .array(z.string().min(1))
    .default([])
    .superRefine((list, ctx) => {
      for (const [i, source] of list.entries()) {
        try {
          new RegExp(source, 'iu');
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: [i], message: `not a regular expression: ${(err as Error).message}` });
        }
      }
    }),
});

export interface LanguageInfo {
  code: string;
  name: string;
  tokenizer: Tokenizer;
}

export interface LanguageTable {
  languages: Map<string, LanguageInfo>;
  /** Code -> the line said in that language when it is not served (plus `default`). */
  unsupported: Record<string, string>;
  /** Signs of pasted machine output (an API error, JSON, a log line): such a message never switches the language. */
  pastedText: RegExp[];
}

export function loadLanguageTable(intentsDir = INTENTS_DIR): LanguageTable {
  const file = join(intentsDir, 'languages.yaml');
  const data = readYaml(file, fileSchema);
  const languages = new Map<string, LanguageInfo>();
  for (const [c, l] of Object.entries(data.languages)) languages.set(c, { code: c, ...l });
  if (!languages.has(DEFAULT_LANGUAGE)) throw new DataFileError(`${file}: entry languages: must include "${DEFAULT_LANGUAGE}"`);
  return { languages, unsupported: data.unsupported, pastedText: data.pasted_text.map((s) => new RegExp(s, 'iu')) };
}

/** A language's folder under intents/<kind>/ (English: the folder itself). */
export function languageDir(kind: 'nlu' | 'knowledge' | 'lexicon', language: string, intentsDir = INTENTS_DIR): string {
  return language === DEFAULT_LANGUAGE ? join(intentsDir, kind) : join(intentsDir, kind, language);
}

/** True when the language has a lexicon folder of its own. */
export function hasLexiconOverlay(language: string, intentsDir = INTENTS_DIR): boolean {
  return language !== DEFAULT_LANGUAGE && existsSync(languageDir('lexicon', language, intentsDir));
}

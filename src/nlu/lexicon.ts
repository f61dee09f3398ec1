// Loads intents/lexicon/: the normaliser's rewrites (normalize.yaml) and the lexicon classes
// (classes/*.yaml), validated with zod. Errors name the file, the entry and the problem.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS, type IntentName } from '../shared/types';
import { INTENTS_DIR } from '../paths';
import { DEFAULT_LANGUAGE, loadLanguageTable, type Tokenizer } from '../language/languages';
import { patternStarts, type PatternStarts } from './pattern-starts';

const rewritesSchema = z.object({
  words: z.record(z.string(), z.string()),
  // The normaliser skips these lists for messages without an apostrophe or a non-ASCII character.
  contractions: z.record(z.string().regex(/'/, 'must contain an apostrophe'), z.string()),
  emoji: z.record(z.string().regex(/[^\x00-\x7f]/, 'must contain a non-ASCII character'), z.string()),
});

export type Rewrites = z.infer<typeof rewritesSchema>;

const regexList = z.array(z.string().min(1));
const classSchema = z.object({
  class: z.string().regex(/^[a-z_]+$/, 'must be lower-case letters and underscores'),
  entity: z.string().regex(/^[a-z_]+$/, 'must be lower-case letters and underscores'),
  /** value -> plain phrases (lower-case words). */
  phrases: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** value -> regular expressions over the words joined by spaces. */
  patterns: z.record(z.string(), regexList).default({}),
  /** Regular expressions whose matched words are the value. */
  capture: regexList.default([]),
  /** Location only: the country lists of slots.yaml are phrases of this class too. */
  from_slots: z.boolean().default(false),
  /** A message naming this class is this intent, whatever its words, unless it also names a class in `unless`. */
  decides: z.enum(INTENTS).optional(),
  unless: z.array(z.string()).default([]),
  /** Regular expressions over the words: a match leaves the message to the classifier after all. */
  unless_patterns: regexList.default([]),
});

type ClassFile = z.infer<typeof classSchema>;

/** A language's additions to a class (intents/lexicon/<code>/classes/): the same class name, more phrases and patterns. */
const overlayClassSchema = classSchema.partial({ entity: true }).extend({ class: classSchema.shape.class });
/** A language's own rewrites (intents/lexicon/<code>/normalize.yaml). */
const localRewritesSchema = z.object({ words: z.record(z.string(), z.string()).default({}), emoji: z.record(z.string(), z.string()).default({}) });
export type LocalRewrites = z.infer<typeof localRewritesSchema>;

const slotCountriesSchema = z.object({
  restricted_countries: z.array(z.string()),
  supported_countries: z.array(z.string()),
  nationality_words: z.record(z.string(), z.array(z.string())).default({}),
});

/** One way to recognise a class: a regular expression and the entity value it gives (null: the matched words). */
export interface ClassRule {
  regex: RegExp;
  value: string | null;
}

/** A phrase as words, and the entity value it gives. */
export interface Phrase {
  words: string[];
  value: string;
}

export interface LexiconClass {
  name: string;
  entity: string;
  /** Feature token the classifier sees, e.g. "cls_exchange". */
  token: string;
  /** Phrases by their first word, longest first: a lookup per word instead of a scan per phrase. */
  phrases: Map<string, Phrase[]>;
  rules: ClassRule[];
  /** Every rule in one regular expression, without capture groups: one search per class finds where the matches are (null: no rules). */
  scan: RegExp | null;
  /** The same expression with rule i as capture group i + 1, sticky: run once at each match `scan`
   * finds, it tells which rule matched. (Searching with the groups cost a quarter more: the
   * engine resets every group at each position it tries, and a class has up to 50 rules.) */
  combined: RegExp | null;
  /** `scan`, sticky: tried only where a word begins with one of `starts`. */
  sticky: RegExp | null;
  /** What a match of `scan` can begin with (pattern-starts.ts; null: anything, so it is searched everywhere). */
  starts: PatternStarts | null;
  /** Values that also add `cls_restricted_country` (location only). */
  restricted: Set<string>;
  /** See the class file's `decides`, `unless` and `unless_patterns`. */
  decides: { intent: IntentName; unless: string[]; unlessPatterns: RegExp[] } | null;
}

export interface Lexicon {
  rewrites: Rewrites;
  classes: LexiconClass[];
  /** The language these classes are for, and how its text is cut into words. */
  language: string;
  tokenizer: Tokenizer;
  /** The language's own rewrites (empty for English). */
  local: LocalRewrites;
  /** Phrases in Chinese characters, kept as one word by the Chinese normaliser. */
  hanPhrases: string[];
}

export class LexiconError extends Error {}

function readYaml(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LexiconError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

function validated<T>(file: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new LexiconError(`${file}: entry ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}

function compile(file: string, where: string, source: string): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'g');
  } catch (err) {
    throw new LexiconError(`${file}: entry ${where}: not a valid regular expression: ${(err as Error).message}`);
  }
  // Rules are combined into one expression and told apart by their group number.
  if (new RegExp(`${source}|`).exec('')!.length > 1) throw new LexiconError(`${file}: entry ${where}: use (?:…) instead of a capturing group`);
  return regex;
}

/** Phrases grouped by first word, longest first so "binance us" wins over "binance". */
function phraseIndex(values: Map<string, string>): Map<string, Phrase[]> {
  const index = new Map<string, Phrase[]>();
  for (const [text, value] of values) {
    const words = text.split(' ');
    const list = index.get(words[0]!) ?? index.set(words[0]!, []).get(words[0]!)!;
    list.push({ words, value });
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  return index;
}

/** Phrases are written as people type them; matching happens on the normaliser's words. */
const asWords = (phrase: string) =>
  phrase
    .toLowerCase()
    .replace(/[^a-z0-9\p{Script=Han}]+/gu, ' ')
    .trim();

function buildClass(file: string, data: ClassFile, slots: z.infer<typeof slotCountriesSchema> | null): LexiconClass {
  const phraseValues = new Map<string, string>();
  const addPhrase = (phrase: string, value: string) => {
    const words = asWords(phrase);
    if (words && !phraseValues.has(words)) phraseValues.set(words, value);
  };
  const restricted = new Set<string>();
  if (data.from_slots && slots) {
    for (const c of slots.restricted_countries) restricted.add(c), addPhrase(c, c);
    for (const c of slots.supported_countries) addPhrase(c, c);
    for (const [country, names] of Object.entries(slots.nationality_words)) for (const n of names) addPhrase(n, country);
  }
  for (const [value, phrases] of Object.entries(data.phrases)) {
    addPhrase(value, value);
    for (const p of phrases) addPhrase(p, value);
  }
  const rules: ClassRule[] = [];
  for (const [value, sources] of Object.entries(data.patterns)) {
    sources.forEach((s, i) => rules.push({ regex: compile(file, `patterns.${value}.${i}`, s), value }));
  }
  data.capture.forEach((s, i) => rules.push({ regex: compile(file, `capture.${i}`, s), value: null }));
  // Every rule starts at a word boundary; one \b in front of the alternation lets the engine skip
  // positions inside words at once instead of trying each rule there.
  const sources = rules.map((r) => r.regex.source);
  const shared = sources.every((src) => src.startsWith('\\b')) ? '\\b' : '';
  const bodies = sources.map((src) => (shared ? src.slice(2) : src));
  const scan = rules.length ? new RegExp(`${shared}(?:${bodies.map((b) => `(?:${b})`).join('|')})`, 'g') : null;
  const combined = rules.length ? new RegExp(`${shared}(?:${bodies.map((b) => `(${b})`).join('|')})`, 'y') : null;
  const sticky = scan ? new RegExp(scan.source, 'y') : null;
  const starts = scan ? patternStarts(scan.source) : null;
  const decides = data.decides
    ? // Not global: test() on a global expression would carry lastIndex from one message to the next.
      {
        intent: data.decides,
        unless: data.unless,
        unlessPatterns: data.unless_patterns.map((src, i) => new RegExp(compile(file, `unless_patterns.${i}`, src).source)),
      }
    : null;
  return {
    name: data.class,
    entity: data.entity,
    token: `cls_${data.class}`,
    phrases: phraseIndex(phraseValues),
    rules,
    scan,
    combined,
    sticky,
    starts,
    restricted,
    decides,
  };
}

export function lexiconClassFiles(dir = join(INTENTS_DIR, 'lexicon', 'classes')): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The lexicon for a language: the classes of intents/lexicon/classes/ (names, error strings and
 * countries are written alike in every language) plus the language's own entries in
 * intents/lexicon/<code>/classes/, merged by class name (a new name is a new class).
 */
export function loadLexicon(dir = join(INTENTS_DIR, 'lexicon'), language = DEFAULT_LANGUAGE): Lexicon {
  const rewritesFile = join(dir, 'normalize.yaml');
  const rewrites = validated(rewritesFile, rewritesSchema, readYaml(rewritesFile));
  const slotsFile = join(dir, 'slots.yaml');
  const files: ClassFile[] = [];
  const fileOf = new Map<string, string>();
  for (const file of lexiconClassFiles(join(dir, 'classes'))) {
    const data = validated(file, classSchema, readYaml(file));
    if (fileOf.has(data.class)) throw new LexiconError(`${file}: entry class: "${data.class}" is defined twice`);
    files.push(data);
    fileOf.set(data.class, file);
  }
  let local: LocalRewrites = { words: {}, emoji: {} };
  const overlay = join(dir, language);
  if (language !== DEFAULT_LANGUAGE && existsSync(overlay)) {
    const localFile = join(overlay, 'normalize.yaml');
    if (existsSync(localFile)) local = validated(localFile, localRewritesSchema, readYaml(localFile));
    const classDir = join(overlay, 'classes');
    for (const file of existsSync(classDir) ? lexiconClassFiles(classDir) : []) {
      const add = validated(file, overlayClassSchema, readYaml(file));
      const base = files.find((f) => f.class === add.class);
      if (!base) {
        if (!add.entity) throw new LexiconError(`${file}: entry entity: a new class needs an entity`);
        files.push(validated(file, classSchema, add));
        fileOf.set(add.class, file);
        continue;
      }
      for (const [value, phrases] of Object.entries(add.phrases ?? {})) base.phrases[value] = [...(base.phrases[value] ?? []), ...phrases];
      for (const [value, patterns] of Object.entries(add.patterns ?? {})) base.patterns[value] = [...(base.patterns[value] ?? []), ...patterns];
      base.capture = [...base.capture, ...(add.capture ?? [])];
    }
  }
  const classes = files.map((data) => {
    const slots = data.from_slots ? validated(slotsFile, slotCountriesSchema.passthrough(), readYaml(slotsFile)) : null;
    return buildClass(fileOf.get(data.class)!, data, slots);
  });
  const hanPhrases = classes.flatMap((c) => [...c.phrases.values()].flat().map((p) => p.words.join(' '))).filter((p) => /\p{Script=Han}/u.test(p));
  const tokenizer = language === DEFAULT_LANGUAGE ? 'words' : (loadLanguageTable(dirname(dir)).languages.get(language)?.tokenizer ?? 'words');
  return { rewrites, classes, language, tokenizer, local, hanPhrases };
}

// Message -> classifier features: corrected, stemmed words (natural's Porter stemmer), word pairs
// (so "not sure" and "every network" count as more than their parts) and lexicon class tokens.
// A message is analysed once; the features of each of its sentences are read from that analysis.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import { classTokens, collapse, findClasses, type ClassMatch } from './classes';
import type { LexiconClass } from './lexicon';
import type { Normalizer } from './normalize';
import type { SpellingCorrector } from './spelling';
import type { WordFacts, WordFactsTable } from './word-facts';

export interface Featurized {
  features: string[];
  /** Words after normalising and spelling correction (for slot extraction and evidence). */
  words: string[];
  /** How many words the training vocabulary knew. */
  known: number;
  /** How many words it knew as typed, before spelling correction. */
  knownAsTyped: number;
  /** Lexicon classes found in `words` (entities). */
  matches: ClassMatch[];
}

/** A message read once: its normalised text, corrected words and lexicon classes. */
export interface Analysis {
  /** The normalised text (lower case, punctuation kept) that `offsets` point into. */
  text: string;
  words: string[];
  offsets: number[];
  /** 1 where the training vocabulary knows the word (after correction), else 0. */
  known: number[];
  /** 1 where it knows the word as typed, else 0. */
  knownAsTyped: number[];
  matches: ClassMatch[];
  /** Each word's facts, when the message was read with a WordFactsTable (the matcher's). */
  facts?: WordFacts[];
}

/** A message longer than this is read only this far (about 4,000 characters of English). */
export const MAX_WORDS = 800;

const stemCache = new Map<string, string>();
/** natural's Porter stem of a word (class tokens are kept), remembered for the next message. */
export function stem(word: string): string {
  if (word.startsWith('cls_')) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stemCache.size > 20000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** `table` (for `classes`, knowing what `speller` knows) answers each word's questions in one look-up. */
export function analyse(
  text: string,
  normalizer: Normalizer,
  speller?: SpellingCorrector,
  classes: readonly LexiconClass[] = [],
  table?: WordFactsTable,
): Analysis {
  const normalized = normalizer.normalize(text);
  // The normaliser's arrays are this call's own: cut only a message longer than MAX_WORDS.
  const long = normalized.tokens.length > MAX_WORDS;
  const tokens = long ? normalized.tokens.slice(0, MAX_WORDS) : normalized.tokens;
  let facts: WordFacts[] | undefined;
  if (table && table.classes === classes) {
    facts = [];
    for (const t of tokens) facts.push(table.of(t));
  }
  let matches = findClasses(tokens, classes, facts);
  // Names and error strings are not typos: "okx" must not become "ok". (Plain arrays here and
  // below: a typed array costs more to allocate than a message's words cost to fill.)
  const kept: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) kept.push(false);
  for (const m of matches) kept.fill(true, m.start, m.end);
  const words: string[] = [];
  const known: number[] = [];
  const knownAsTyped: number[] = [];
  const wordFacts: WordFacts[] | undefined = facts && [];
  let corrected = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // One vocabulary look-up for a word the training data knows as typed (correct() would make it
    // again and return the word); a corrected word is a vocabulary word, so it is known.
    const knowsTyped = facts ? facts[i]!.known : (speller?.knows(t) ?? false);
    const w = speller && !kept[i] && !knowsTyped ? speller.correct(t) : t;
    const knows = knowsTyped || w !== t;
    if (w !== t) corrected = true;
    knownAsTyped.push(w === t && (knows || kept[i]!) ? 1 : 0);
    known.push(knows ? 1 : 0);
    words.push(w);
    if (wordFacts) wordFacts.push(w === t ? facts![i]! : table!.of(w));
  }
  // A corrected word can complete a phrase ("restircted location").
  if (corrected) matches = findClasses(words, classes, wordFacts);
  const offsets = long ? normalized.offsets.slice(0, MAX_WORDS) : normalized.offsets;
  return { text: normalized.text, words, offsets, known, knownAsTyped, matches, facts: wordFacts };
}

export interface WordRange {
  start: number;
  end: number;
}

/** Features of some ranges of an analysed message (all of it by default); pairs do not cross ranges. */
export function featuresOf(a: Analysis, ranges: readonly WordRange[] = [{ start: 0, end: a.words.length }]): Featurized {
  const features = new Set<string>();
  const matches: ClassMatch[] = [];
  const words: string[] = [];
  let known = 0;
  let knownAsTyped = 0;
  const stemmed = a.words.map(stem);
  for (const { start, end } of ranges) {
    const whole = start === 0 && end === a.words.length;
    const inside = whole ? a.matches : a.matches.filter((m) => m.start >= start && m.end <= end);
    matches.push(...inside);
    for (let i = start; i < end; i++) {
      features.add(stemmed[i]!);
      known += a.known[i]!;
      knownAsTyped += a.knownAsTyped[i]!;
      words.push(a.words[i]!);
    }
    const stems = whole ? stemmed : stemmed.slice(start, end);
    const stream = inside.length ? collapse(stems, whole ? inside : inside.map((m) => ({ ...m, start: m.start - start, end: m.end - start }))) : stems;
    for (let i = 1; i < stream.length; i++) features.add(`${stream[i - 1]}_${stream[i]}`);
  }
  for (const token of classTokens(matches)) features.add(token);
  return { features: [...features], words, known, knownAsTyped, matches };
}

export function featurize(text: string, normalizer: Normalizer, speller?: SpellingCorrector, classes: readonly LexiconClass[] = []): Featurized {
  return featuresOf(analyse(text, normalizer, speller, classes));
}

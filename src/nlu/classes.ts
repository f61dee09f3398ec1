// Finds lexicon classes (exchange, location, API error, hosting, support channel, duration) in a
// message's words, like Rasa's lookup tables and regex features: each match gives the classifier a
// class token and the turn an entity.
import type { LexiconClass, Phrase } from './lexicon';
import { mayStartWith } from './pattern-starts';

export interface ClassMatch {
  class: LexiconClass;
  value: string;
  /** Token range [start, end) in the words the match was found in. */
  start: number;
  end: number;
}

/** Regexes run over the words joined by single spaces; this maps a character offset back to a word. */
function wordIndexAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const MAX_MATCHES_PER_CLASS = 40;

/** The classes (by position in the class list, in class order) with phrases starting with a word, and those phrases. */
export type PhraseEntries = { at: number; phrases: Phrase[] }[];
/** Per word, its phrase entries. */
type PhraseIndex = Map<string, PhraseEntries>;
const phraseIndexes = new WeakMap<readonly LexiconClass[], PhraseIndex>();

/** One lookup per word for all classes, instead of one per word and class. */
function phraseIndexOf(classes: readonly LexiconClass[]): PhraseIndex {
  let index = phraseIndexes.get(classes);
  if (!index) {
    index = new Map();
    classes.forEach((cls, at) => {
      for (const [word, phrases] of cls.phrases) {
        const list = index!.get(word) ?? index!.set(word, []).get(word)!;
        list.push({ at, phrases });
      }
    });
    phraseIndexes.set(classes, index);
  }
  return index;
}

/** The phrase entries of one word (word-facts.ts remembers them per word). */
export function phrasesStartingWith(classes: readonly LexiconClass[], word: string): PhraseEntries | undefined {
  return phraseIndexOf(classes).get(word);
}

/**
 * A place in a word where a class's expression may start a match: a letter or digit after no word
 * character (`\b`), at `at`; `mask` has bit i set for the class at position i that may begin there.
 */
export interface PatternStart {
  at: number;
  mask: number;
}

/** Classes past this position in the list are searched everywhere (the mask is a 32-bit number). */
const MASK_CLASSES = 31;

/** Where in `word` a match of each class's expression may start (undefined: nowhere; word-facts.ts remembers it per word). */
export function patternStartsIn(classes: readonly LexiconClass[], word: string): PatternStart[] | undefined {
  let out: PatternStart[] | undefined;
  for (let j = 0; j < word.length; j++) {
    if (!isAlnum(word.charCodeAt(j)) || (j > 0 && isWordChar(word.charCodeAt(j - 1)))) continue;
    let end = j + 1;
    while (end < word.length && isAlnum(word.charCodeAt(end))) end++;
    const segment = word.slice(j, end);
    let mask = 0;
    for (let at = 0; at < classes.length && at < MASK_CLASSES; at++) {
      const starts = classes[at]!.starts;
      if (starts && mayStartWith(starts, segment)) mask |= 1 << at;
    }
    if (mask !== 0) (out ??= []).push({ at: j, mask });
  }
  return out;
}

/** [a-z0-9]: what pattern-starts.ts lists starts in. */
function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** [A-Za-z0-9_]: what `\b` counts as a word character. */
function isWordChar(c: number): boolean {
  return isAlnum(c) || (c >= 65 && c <= 90) || c === 95;
}

/** What findClasses reads of each word when the matcher looked it up already (word-facts.ts). */
export interface ClassFacts {
  phrases: PhraseEntries | undefined;
  patternStarts: PatternStart[] | undefined;
}

/** `facts`: each word's phrase entries and pattern starts already looked up (word-facts.ts), in place of the index and a search of every position. */
export function findClasses(words: readonly string[], classes: readonly LexiconClass[], facts?: readonly ClassFacts[]): ClassMatch[] {
  if (words.length === 0) return [];
  const phrases = findPhrases(words, classes, facts);
  // Each class's phrase matches, then its pattern matches, class after class: the sort below is
  // stable, so spans found twice keep that order.
  const out: ClassMatch[] = [];
  let joined: string | null = null;
  let places: Places | null = null;
  for (let at = 0; at < classes.length; at++) {
    const cls = classes[at]!;
    const own = phrases[at];
    if (own) for (const m of own) out.push(m);
    if (!cls.scan) continue;
    joined ??= words.join(' ');
    if (facts && cls.starts && at < MASK_CLASSES) findPatternsAtStarts(joined, cls, 1 << at, (places ??= placesOf(words, facts)), out);
    else findPatterns(words, joined, cls, out);
  }
  return out.length > 1 ? out.sort((a, b) => a.start - b.start || b.end - a.end) : out;
}

/** The words where some class may start a match, with where each word starts in the joined text. */
interface Places {
  words: number[];
  starts: PatternStart[][];
  /** Character offset of every word in the joined text. */
  offsets: number[];
}

function placesOf(words: readonly string[], facts: readonly ClassFacts[]): Places {
  const places: Places = { words: [], starts: [], offsets: wordStarts(words) };
  for (let i = 0; i < words.length; i++) {
    const starts = facts[i]!.patternStarts;
    if (starts) places.words.push(i), places.starts.push(starts);
  }
  return places;
}

/** Per class, its leftmost, longest phrases that do not overlap, as a regular expression alternation would find them. */
function findPhrases(words: readonly string[], classes: readonly LexiconClass[], facts?: readonly ClassFacts[]): (ClassMatch[] | undefined)[] {
  const index = phraseIndexOf(classes);
  const out: (ClassMatch[] | undefined)[] = [];
  /** A class's next phrase may start here, after the end of its last one. */
  const free: number[] = [];
  for (let at = 0; at < classes.length; at++) free.push(0);
  for (let i = 0; i < words.length; i++) {
    const entries = facts ? facts[i]!.phrases : index.get(words[i]!);
    if (!entries) continue;
    for (const { at, phrases } of entries) {
      if (i < free[at]!) continue;
      const found = firstPhraseAt(words, i, phrases);
      if (!found) continue;
      (out[at] ??= []).push({ class: classes[at]!, value: found.value, start: i, end: i + found.words.length });
      free[at] = i + found.words.length;
    }
  }
  return out;
}

/** The first (longest) of the phrases whose words are those at `i` (loops, not closures: this runs for every word). */
function firstPhraseAt(words: readonly string[], i: number, phrases: readonly Phrase[]): Phrase | undefined {
  for (const p of phrases) {
    let k = 0;
    while (k < p.words.length && words[i + k] === p.words[k]) k++;
    if (k === p.words.length) return p;
  }
  return undefined;
}

/** Patterns run over the words joined by single spaces. */
function findPatterns(words: readonly string[], joined: string, cls: LexiconClass, out: ClassMatch[]): void {
  const scan = cls.scan!;
  const which = cls.combined!;
  let starts: number[] | null = null;
  scan.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = scan.exec(joined)) !== null && count++ < MAX_MATCHES_PER_CLASS) {
    if (m[0].length === 0) {
      scan.lastIndex++;
      continue;
    }
    // The same alternatives in the same order, tried only where `scan` matched: the same match,
    // now with the group of the rule that made it.
    which.lastIndex = m.index;
    const groups = which.exec(joined)!;
    let group = 1;
    while (groups[group] === undefined) group++;
    const rule = cls.rules[group - 1]!;
    starts ??= wordStarts(words);
    const start = wordIndexAt(starts, m.index);
    const end = wordIndexAt(starts, m.index + m[0].length - 1) + 1;
    out.push({ class: cls, value: rule.value ?? m[0].trim(), start, end });
  }
}

/**
 * The matches findPatterns finds, found by trying the expression only where a word may start one.
 * The search tries positions from where the last match ended and takes the first that matches;
 * every other position cannot (pattern-starts.ts), so trying only these, in order, finds the same.
 */
function findPatternsAtStarts(joined: string, cls: LexiconClass, bit: number, places: Places, out: ClassMatch[]): void {
  const sticky = cls.sticky!;
  const which = cls.combined!;
  /** Where the search goes on: the end of the last match. */
  let from = 0;
  let count = 0;
  for (let k = 0; k < places.words.length; k++) {
    const i = places.words[k]!;
    for (const s of places.starts[k]!) {
      if ((s.mask & bit) === 0) continue;
      const index = places.offsets[i]! + s.at;
      if (index < from) continue;
      sticky.lastIndex = index;
      if (!sticky.test(joined)) continue;
      which.lastIndex = index;
      const groups = which.exec(joined)!;
      let group = 1;
      while (groups[group] === undefined) group++;
      const rule = cls.rules[group - 1]!;
      const text = groups[0];
      from = index + text.length;
      const end = wordIndexAt(places.offsets, from - 1) + 1;
      out.push({ class: cls, value: rule.value ?? text.trim(), start: wordIndexAt(places.offsets, index), end });
      if (++count === MAX_MATCHES_PER_CLASS) return;
    }
  }
}

function wordStarts(words: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const w of words) {
    starts.push(at);
    at += w.length + 1;
  }
  return starts;
}

/** Class tokens for the classifier: one per class found, plus the restricted-country marker. */
export function classTokens(matches: readonly ClassMatch[]): string[] {
  const out = new Set<string>();
  for (const m of matches) {
    out.add(m.class.token);
    if (m.class.restricted.has(m.value)) out.add('cls_restricted_country');
  }
  return [...out];
}

/** Words with every matched span replaced by its class token, so word pairs generalise
 * ("okx says" and "binance says" both become "cls_exchange says"). Overlaps keep the first, longest span. */
export function collapse(words: readonly string[], matches: readonly ClassMatch[]): string[] {
  const out: string[] = [];
  let i = 0;
  let next = 0;
  while (i < words.length) {
    while (next < matches.length && matches[next]!.start < i) next++;
    const m = matches[next];
    if (m && m.start === i) {
      out.push(m.class.token);
      i = m.end;
    } else {
      out.push(words[i]!);
      i++;
    }
  }
  return out;
}

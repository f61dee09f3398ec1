// Turns a raw message into lower-case words the classifier knows: emoji, slang, contractions,
// repeated letters ("pleeease") and punctuation are handled here.
import type { Rewrites } from './lexicon';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

const WORDS = new RegexpTokenizer({ pattern: /[a-z0-9]+(?:\/[a-z]+)?/g, gaps: false });
const NON_ASCII = /[^\x00-\x7f]/;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

export interface Normalized {
  /** The message lower-cased and rewritten; punctuation is kept, so sentences can be found in it. */
  text: string;
  /** Lower-case word tokens after slang/emoji/contraction rewriting. */
  tokens: string[];
  /** Where each token starts in `text` (a slang word rewritten to two gives both the same offset). */
  offsets: number[];
}

export interface Normalizer {
  /** Lower-case word tokens after slang/emoji/contraction rewriting. */
  tokens(text: string): string[];
  normalize(text: string): Normalized;
}

export function createNormalizer(lexicon: Rewrites): Normalizer {
  const words = new Map(Object.entries(lexicon.words));
  const emoji = Object.entries(lexicon.emoji);
  const contractions = new Map(Object.entries(lexicon.contractions));
  // Only at a word's end: a quoted 'due to…' or 'restricted location' is not "would ue" / "are stricted".
  const contraction = new RegExp(
    `(?:${[...contractions.keys()]
      .sort((a, b) => b.length - a.length)
      .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})(?![a-z])`,
    'g',
  );

  const normalize = (text: string): Normalized => {
    // Plain ASCII is its own NFKC form, and of the quotes below it can only hold the backtick.
    const ascii = !NON_ASCII.test(text);
    let t = ascii ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
    if (!ascii || t.includes('`')) t = t.replace(/[\u2018\u2019\u02bc`´]/g, "'");
    // Most messages are plain ASCII without an apostrophe: one test each skips the rewrite lists.
    if (!ascii && NON_ASCII.test(t)) for (const [from, to] of emoji) if (t.includes(from)) t = t.split(from).join(to);
    if (t.includes("'")) t = t.replace(contraction, (c) => contractions.get(c)!);
    // "soooo" -> "soo": three or more repeats are never English (a plain scan first: the
    // back-reference regex costs more than the rest of normalising on a long message).
    if (hasTripleLetter(t)) t = t.replace(/([a-z])\1{2,}/g, '$1$1');
    const tokens: string[] = [];
    const offsets: number[] = [];
    wordsOf(t, words, tokens, offsets);
    return { text: t, tokens, offsets };
  };
  return { normalize, tokens: (text) => normalize(text).tokens };
}

/**
 * Appends the words of `t` (natural's RegexpTokenizer: "tcp/ip" is one word) and where each starts.
 * The tokenizer gives the words in order, and nothing between two words is a letter or a digit, so
 * a word starts at the first letter or digit after the previous one: a scan of the few characters
 * between them finds it. A word in `rewrites` is replaced by its words, each at the word's offset.
 */
export function wordsOf(t: string, rewrites: ReadonlyMap<string, string>, tokens: string[], offsets: number[]): void {
  let at = 0;
  for (const w of WORDS.tokenize(t) ?? []) {
    while (at < t.length && !isWordChar(t.charCodeAt(at))) at++;
    const offset = at;
    at = offset + w.length;
    const rewritten = rewrites.get(w);
    if (rewritten === undefined) {
      tokens.push(w);
      offsets.push(offset);
    } else {
      for (const part of rewritten.split(' ')) if (part) tokens.push(part), offsets.push(offset);
    }
  }
}

/** [a-z0-9], the characters a word of the tokenizer's pattern starts with. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function hasTripleLetter(t: string): boolean {
  // The two characters before are kept, so each character is read once.
  let before = -1;
  let last = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === last && c === before && c >= 97 && c <= 122) return true;
    before = last;
    last = c;
  }
  return false;
}

/** True when most letters are Chinese/Japanese/Korean: the bot answers in English and says so. */
export function isMostlyCjk(text: string): boolean {
  let cjk = 0;
  let latin = 0;
  // The shrug ¯\_(ツ)_/¯ has a katakana face but is not Japanese.
  for (const ch of text.slice(0, 2000).replace(/\(ツ\)/g, '')) {
    if (CJK.test(ch)) cjk++;
    else if (/[a-zA-Z]/.test(ch)) latin++;
  }
  return cjk > 0 && cjk * 2 >= latin;
}

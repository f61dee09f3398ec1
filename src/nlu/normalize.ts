// Turns a raw message into lower-case words the classifier knows: emoji, slang, contractions,
// repeated letters ("pleeease") and punctuation are handled here.
import type { Lexicon } from './lexicon';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';

const WORDS = new RegexpTokenizer({ pattern: /[a-z0-9]+(?:\/[a-z]+)?/g, gaps: false });
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

export interface Normalizer {
  /** Lower-case word tokens after slang/emoji/contraction rewriting. */
  tokens(text: string): string[];
}

export function createNormalizer(lexicon: Lexicon): Normalizer {
  const words = new Map(Object.entries(lexicon.words));
  const emoji = Object.entries(lexicon.emoji);
  const contractions = Object.entries(lexicon.contractions).sort((a, b) => b[0].length - a[0].length);

  return {
    tokens(text: string): string[] {
      let t = text.normalize('NFKC').toLowerCase().replace(/[\u2018\u2019\u02bc`´]/g, "'");
      for (const [from, to] of emoji) if (t.includes(from)) t = t.split(from).join(to);
      for (const [from, to] of contractions) if (t.includes(from)) t = t.split(from).join(to);
      // "soooo" -> "soo": three or more repeats are never English.
      t = t.replace(/([a-z])\1{2,}/g, '$1$1');
      const raw = WORDS.tokenize(t) ?? [];
      const out: string[] = [];
      for (const w of raw) {
        const rewritten = words.get(w);
        if (rewritten === undefined) out.push(w);
        else for (const part of rewritten.split(' ')) if (part) out.push(part);
      }
      return out;
    },
  };
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

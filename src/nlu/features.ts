// Message -> classifier features: corrected, stemmed words (natural's Porter stemmer) plus word pairs,
// so "not sure" and "every network" count as more than their parts.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';
import type { Normalizer } from './normalize';
import type { SpellingCorrector } from './spelling';

export interface Featurized {
  features: string[];
  /** Words after normalising and spelling correction (for slot extraction and evidence). */
  words: string[];
  /** How many words the training vocabulary knew. */
  known: number;
}

const stemCache = new Map<string, string>();
function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    if (stemCache.size > 20000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

export function featurize(text: string, normalizer: Normalizer, speller?: SpellingCorrector): Featurized {
  const tokens = normalizer.tokens(text);
  const words: string[] = [];
  let known = 0;
  for (const t of tokens.slice(0, 200)) {
    const w = speller ? speller.correct(t) : t;
    if (speller?.knows(w)) known++;
    words.push(w);
  }
  const stems = words.map(stem);
  const features = new Set<string>(stems);
  for (let i = 1; i < stems.length; i++) features.add(`${stems[i - 1]}_${stems[i]}`);
  return { features: [...features], words, known };
}

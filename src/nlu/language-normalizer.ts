// The normaliser for a lexicon's language: English words, or Chinese (with English words inside).
import type { Lexicon } from './lexicon';
import { createNormalizer, type Normalizer } from './normalize';
import { createChineseNormalizer } from './chinese';

export function normalizerFor(lexicon: Pick<Lexicon, 'rewrites' | 'tokenizer' | 'local' | 'hanPhrases'>): Normalizer {
  const english = createNormalizer(lexicon.rewrites);
  if (lexicon.tokenizer !== 'chinese') return english;
  return createChineseNormalizer({ words: lexicon.local.words, emoji: lexicon.local.emoji, phrases: lexicon.hanPhrases }, english);
}

// The normaliser's rewrites: contractions are expanded only where a word ends, so quoted error
// text keeps its words.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadLexicon } from '../../src/nlu/lexicon';
import { createNormalizer, wordsOf } from '../../src/nlu/normalize';
import { snapshotInputs } from './predictions-snapshot';

const normalizer = createNormalizer(loadLexicon().rewrites);

describe('contractions', () => {
  it('expands them at the end of a word', () => {
    expect(normalizer.tokens("I can't log in, they're blocking me and I'd like my funds")).toEqual(
      'i can not log in they are blocking me and i would like my funds'.split(' '),
    );
  });

  it("leaves a quoted word alone: 'due to…', 'restricted location', 'region'", () => {
    expect(normalizer.tokens("it says 'due to regional regulations' and 'restricted location' in the 'region' banner")).toEqual(
      'it says due to regional regulations and restricted location in the region banner'.split(' '),
    );
  });
});

/** The tokenizer's pattern matched directly, and each word's offset as indexOf finds it after the
 * previous word: what natural's RegexpTokenizer and the offset scan must give. */
function byExpression(t: string): { tokens: string[]; offsets: number[] } {
  const tokens = t.match(/[a-z0-9]+(?:\/[a-z]+)?/g) ?? [];
  const offsets: number[] = [];
  let at = 0;
  for (const w of tokens) {
    at = t.indexOf(w, at);
    offsets.push(at);
    at += w.length;
  }
  return { tokens, offsets };
}

function byScan(t: string): { tokens: string[]; offsets: number[] } {
  const tokens: string[] = [];
  const offsets: number[] = [];
  wordsOf(t, new Map(), tokens, offsets);
  return { tokens, offsets };
}

describe('words of a normalised text', () => {
  it('are the words and offsets the tokenizer expression finds in every recorded message', () => {
    const texts = snapshotInputs().map((i) => i.text.toLowerCase());
    expect(texts.length).toBeGreaterThan(8000);
    for (const t of texts) expect(byScan(t), t).toEqual(byExpression(t));
  });

  it('are the words and offsets the tokenizer expression finds in random text of letters, digits, slashes and marks', () => {
    const alphabet = ['a', 'z', 'q', '0', '9', '/', '//', ' ', '.', "'", '-', 'A', 'é', '_', '\n'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(byScan(t)).toEqual(byExpression(t));
      }),
      { numRuns: 5000 },
    );
  });

  it("rewrites a slang word into its words, each at the word's offset", () => {
    const tokens: string[] = [];
    const offsets: number[] = [];
    wordsOf('ok idk now', new Map([['idk', 'i do not know']]), tokens, offsets);
    expect(tokens).toEqual(['ok', 'i', 'do', 'not', 'know', 'now']);
    expect(offsets).toEqual([0, 3, 3, 3, 3, 7]);
  });
});

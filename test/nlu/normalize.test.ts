// The normaliser's rewrites: contractions are expanded only where a word ends, so quoted error
// text keeps its words.
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/nlu/lexicon';
import { createNormalizer } from '../../src/nlu/normalize';

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

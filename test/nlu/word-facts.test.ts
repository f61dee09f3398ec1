// The word-facts table answers, in one look-up per word, what reading a message asked three maps
// before (known word, phrases starting with it, stem position). Reading with it must give what
// reading without it gives, word for word, on every recorded message, with typos corrected.
import { describe, expect, it } from 'vitest';
import { FeaturePositions } from '../../src/nlu/feature-ids';
import { loadMatcher } from '../../src/nlu/load';
import { snapshotInputs } from './predictions-snapshot';

describe('word facts', () => {
  it('change no word, known mark, class match or feature position', () => {
    const matcher = loadMatcher();
    // A copy of the class list is not the table's list, so these analyses take the old look-ups.
    const sameClasses = [...matcher.lexiconClasses];
    const positions = new FeaturePositions(matcher.classifier.featureIndex);
    const texts = snapshotInputs().map((i) => i.text);
    texts.push('my acount on binanace is restircted location since 3 weeks, okx says the same');
    let corrected = 0;
    for (const text of texts) {
      const withFacts = matcher.analyse(text);
      const without = matcher.analyse(text, sameClasses);
      expect(without.facts).toBeUndefined();
      expect(withFacts.facts).toHaveLength(withFacts.words.length);
      const { facts, ...rest } = withFacts;
      expect(rest, text).toEqual(without);
      expect(positions.positions(withFacts), text).toEqual(positions.positions(without));
      if (withFacts.known.some((k, i) => k !== withFacts.knownAsTyped[i])) corrected++;
    }
    expect(corrected).toBeGreaterThan(100);
  });
});

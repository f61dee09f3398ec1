// A message's sentences are scored once: the content reading is made from their sums. That is only
// the same answer if the sums are exact, so these tests compare them bit for bit with scoring the
// ranges together, on the development messages of several sentences.
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { clauses } from '../../src/nlu/clauses';
import { FeaturePositions } from '../../src/nlu/feature-ids';
import { ReadingScores } from '../../src/nlu/reading-scores';
import { loadRealStyle, REAL_STYLE_DEV_FILE } from '../../src/nlu/real-style';

const matcher = loadMatcher();
const positions = new FeaturePositions(matcher.classifier.featureIndex);
const readings = new ReadingScores(matcher.classifier, matcher.logistic);
const long = loadRealStyle(REAL_STYLE_DEV_FILE)
  .map((e) => matcher.analyse(e.text))
  .map((a) => ({ a, p: positions.positions(a), clauses: clauses(a.text, a.offsets) }))
  .filter((m) => m.clauses.length >= 3);

describe('reading scores', () => {
  it('joined sentence sums equal the sums of the sentences read together, bit for bit', () => {
    expect(long.length).toBeGreaterThan(30);
    for (const { a, p, clauses: cs } of long) {
      readings.reset();
      // Every second sentence too, so a join that is not the whole message is checked.
      for (const ranges of [cs, cs.filter((_, i) => i % 2 === 0)]) {
        const joined = readings.join(ranges.map((c) => readings.read(positions.of(a, p, [c]))));
        const together = readings.read(positions.of(a, p, ranges));
        expect(joined.features).toBe(together.features);
        expect([joined.words, joined.known, joined.knownAsTyped]).toEqual([together.words, together.known, together.knownAsTyped]);
        expect([...joined.evidence]).toEqual([...together.evidence]);
        expect([...joined.rows]).toEqual([...together.rows]);
      }
    }
  });

  it('taking features away again leaves exactly nothing', () => {
    const { a, p } = long[0]!;
    const { indices } = positions.of(a, p);
    readings.reset();
    const r = readings.read({ indices, words: 0, known: 0, knownAsTyped: 0 });
    matcher.classifier.addEvidence(indices, r.evidence, -1);
    matcher.logistic.addRows(indices, r.rows, -1);
    expect(r.evidence.every((v) => Object.is(v, 0))).toBe(true);
    expect(r.rows.every((v) => Object.is(v, 0))).toBe(true);
  });
});

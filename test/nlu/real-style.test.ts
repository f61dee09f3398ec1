// The matcher on messages written in the style of real public posts (fixtures/nlu/real-style.jsonl),
// which were written by someone who never saw the training data, from posts the training writers did not study.
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { loadHeldout, predict, report } from '../../src/nlu/evaluate';
import { loadRealStyle, REAL_STYLE_DEV2_FILE, REAL_STYLE_DEV3_FILE, REAL_STYLE_DEV4_FILE, scoreRealStyle, TRAITS } from '../../src/nlu/real-style';

const matcher = loadMatcher();
/**
 * Floors just under what the matcher reaches today, so a change that reads real traffic worse fails.
 * The goal is higher (0.90 overall, 0.85 per trait, 0.9 of the traps rejected); see the README.
 */
const FLOOR = { overall: 0.875, trait: 0.83, traps: 0.89 };
const examples = loadRealStyle();
const result = scoreRealStyle(
  examples,
  examples.map((e) => matcher.classify(e.text).intent),
);

describe('real-style held-out set', () => {
  it('has at least 400 lines in roughly the proportions of real traffic', () => {
    expect(examples.length).toBeGreaterThanOrEqual(400);
    const share = (n: number) => n / examples.length;
    expect(share(result.byTrait.other_exchange.examples)).toBeGreaterThan(0.2);
    expect(share(result.byTrait.api_error.examples)).toBeGreaterThan(0.15);
    expect(share(result.byTrait.long.examples)).toBeGreaterThan(0.2);
    expect(result.byTrait.complaint.examples).toBeGreaterThan(20);
    expect(share(result.traps.examples)).toBeGreaterThan(0.1);
  });

  it(`is read right at least ${FLOOR.overall * 100}% of the time`, () => {
    expect(result.accuracy, JSON.stringify(result.confusedPairs)).toBeGreaterThanOrEqual(FLOOR.overall);
  });

  it.each(TRAITS)(`reaches ${FLOOR.trait} on messages with the trait %s`, (trait) => {
    expect(result.byTrait[trait].accuracy).toBeGreaterThanOrEqual(FLOOR.trait);
  });

  it(`rejects at least ${FLOOR.traps * 100}% of the out-of-scope traps`, () => {
    expect(result.traps.rejected).toBeGreaterThanOrEqual(FLOOR.traps);
  });

  it('keeps the older held-out set at 0.95 or better', () => {
    expect(report(predict(matcher, loadHeldout())).accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

// The development sets every matcher change is chosen on. Floors just under today's figures
// (second: 0.876, 0.880 of its traps; third, weighted toward other exchanges, VPN or server stories
// and long messages: 0.883, 0.879, 0.009 in scope rejected), so a change that loses ground shows.
const DEV_FLOORS = [
  { name: 'the second development set', file: REAL_STYLE_DEV2_FILE, accuracy: 0.87, traps: 0.86, inScopeRejected: 0.03 },
  { name: 'the third development set', file: REAL_STYLE_DEV3_FILE, accuracy: 0.88, traps: 0.87, inScopeRejected: 0.03 },
  // The fourth (country exits, national blocks, wallet swaps) read 0.748, 0.768 of its traps and
  // 0.107 in scope rejected when it arrived, 0.786, 0.793 and 0.060 after its round.
  { name: 'the fourth development set', file: REAL_STYLE_DEV4_FILE, accuracy: 0.77, traps: 0.78, inScopeRejected: 0.08 },
];

describe.each(DEV_FLOORS)('$name', ({ file, accuracy, traps, inScopeRejected }) => {
  const lines = loadRealStyle(file);
  const scored = scoreRealStyle(
    lines,
    lines.map((e) => matcher.classify(e.text).intent),
  );

  it(`is read right at least ${accuracy * 100}% of the time, with at least ${traps * 100}% of its traps rejected`, () => {
    expect(scored.accuracy, JSON.stringify(scored.confusedPairs)).toBeGreaterThanOrEqual(accuracy);
    expect(scored.traps.rejected).toBeGreaterThanOrEqual(traps);
    expect(scored.inScopeRejected).toBeLessThanOrEqual(inScopeRejected);
  });
});

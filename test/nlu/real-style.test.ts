// The matcher on messages written in the style of real public posts (fixtures/nlu/real-style.jsonl),
// which were written by someone who never saw the training data, from posts the training writers did not study.
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { loadHeldout, predict, report } from '../../src/nlu/evaluate';
import { loadRealStyle, REAL_STYLE_DEV2_FILE, REAL_STYLE_DEV3_FILE, scoreRealStyle, TRAITS } from '../../src/nlu/real-style';

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

describe('the second development set', () => {
  // The set every matcher change is chosen on; its floors are just under today's figures too.
  const dev2 = loadRealStyle(REAL_STYLE_DEV2_FILE);
  const scored = scoreRealStyle(
    dev2,
    dev2.map((e) => matcher.classify(e.text).intent),
  );

  it('is read right at least 87% of the time, with at least 86% of its traps rejected', () => {
    expect(scored.accuracy, JSON.stringify(scored.confusedPairs)).toBeGreaterThanOrEqual(0.87);
    expect(scored.traps.rejected).toBeGreaterThanOrEqual(0.86);
    expect(scored.inScopeRejected).toBeLessThanOrEqual(0.03);
  });
});

describe('the third development set', () => {
  // Weighted toward the hardest messages (other exchanges, VPN or server stories, long ones); floors
  // just under today's figures (0.895, 0.889 of its traps, 0.009 in scope rejected), so a change
  // that loses ground on it shows.
  const dev3 = loadRealStyle(REAL_STYLE_DEV3_FILE);
  const scored = scoreRealStyle(
    dev3,
    dev3.map((e) => matcher.classify(e.text).intent),
  );

  it('is read right at least 88% of the time, with at least 87% of its traps rejected', () => {
    expect(scored.accuracy, JSON.stringify(scored.confusedPairs)).toBeGreaterThanOrEqual(0.88);
    expect(scored.traps.rejected).toBeGreaterThanOrEqual(0.87);
    expect(scored.inScopeRejected).toBeLessThanOrEqual(0.03);
  });
});

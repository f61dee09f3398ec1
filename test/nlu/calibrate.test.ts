// The temperature is chosen on the real-style development sets, by the best neighbourhood of a grid
// of settings (src/nlu/calibrate.ts).
import { describe, expect, it } from 'vitest';
import { chooseOnDevelopment, plateauPeak } from '../../src/nlu/calibrate';
import { loadMatcher } from '../../src/nlu/load';
import { loadMulti } from '../../src/nlu/evaluate';
import { developmentFiles, loadRealStyle } from '../../src/nlu/real-style';

describe('plateauPeak', () => {
  it('prefers a plateau to a lone lucky cell', () => {
    const grid = [
      [0, 0, 0, 0],
      [0, 9, 0, 0],
      [0, 0, 0, 0],
      [6, 6, 6, 0],
      [6, 6, 6, 0],
    ];
    expect(plateauPeak(grid)).toEqual([4, 1]);
    // The lone cell alone would win a plain maximum.
    expect(Math.max(...grid.flat())).toBe(9);
  });

  it('counts only the neighbours a corner has, and keeps the first of equal means', () => {
    expect(
      plateauPeak([
        [4, 4],
        [4, 4],
      ]),
    ).toEqual([0, 0]);
    expect(
      plateauPeak([
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 8],
      ]),
    ).toEqual([2, 2]);
  });
});

describe('the shipped calibration', () => {
  const matcher = loadMatcher();

  it('is the choice of the development sets and the two-question messages, with the folds’ out-of-scope threshold', { timeout: 180_000 }, () => {
    const development = developmentFiles().flatMap((f) => loadRealStyle(f));
    expect(development.length).toBeGreaterThan(1000);
    expect(chooseOnDevelopment(matcher, development, matcher.calibration.threshold, loadMulti())).toEqual(matcher.calibration);
  });

  it('changes only how the scores are read, not the models', () => {
    const text = 'binance says my region is not supported, can I still withdraw?';
    const flat = matcher.withCalibration({ temperature: 3, temperaturePerFeature: 0.12, threshold: matcher.calibration.threshold });
    expect(flat.classifier).toBe(matcher.classifier);
    expect(flat.logistic).toBe(matcher.logistic);
    const parts = matcher.scoreParts(matcher.featurize(text));
    expect(flat.scoreParts(flat.featurize(text))).toEqual(parts);
    // A hotter temperature makes the Bayes half flatter, so the top intent is less sure.
    expect(flat.combine(parts)[0]!.confidence).toBeLessThan(matcher.combine(parts)[0]!.confidence);
  });
});

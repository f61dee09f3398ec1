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
    // The plateau's first cell (a corner's mean counts only the cells it has).
    expect(plateauPeak(grid)).toEqual([4, 0]);
    // The lone cell alone would win a plain maximum.
    expect(Math.max(...grid.flat())).toBe(9);
  });

  it('skips cells that are not eligible, and finds none when none is', () => {
    const grid = [
      [5, 5, 0],
      [5, 5, 0],
      [0, 0, 1],
    ];
    expect(
      plateauPeak(grid, [
        [false, false, false],
        [false, false, false],
        [false, false, true],
      ]),
    ).toEqual([2, 2]);
    expect(
      plateauPeak(grid, [
        [false, false, false],
        [false, false, false],
        [false, false, false],
      ]),
    ).toBeNull();
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

  const development = developmentFiles()
    .flatMap((f) => loadRealStyle(f))
    .filter((_, i) => i % 20 === 0);
  const foldsFit = { temperature: 0.3, temperaturePerFeature: 0.07, threshold: matcher.calibration.threshold };

  it('keeps the folds’ fit when no setting reads our own style as well as it does', () => {
    const fit = { calibration: foldsFit, foldCorrect: (s: { temperature: number }) => (s.temperature === 0.3 ? 1 : 0) };
    expect(chooseOnDevelopment(matcher, development, fit)).toEqual(foldsFit);
  });

  it('chooses only among settings that read our own style at least as well as the folds’ fit', () => {
    // Pretend our own style reads well only with a cool base temperature.
    const fit = { calibration: foldsFit, foldCorrect: (s: { temperature: number }) => (s.temperature <= 0.5 ? 1 : 0) };
    const chosen = chooseOnDevelopment(matcher, development, fit);
    expect(chosen.temperature).toBeLessThanOrEqual(0.5);
    expect(chosen.threshold).toBe(foldsFit.threshold);
    const hot = { calibration: foldsFit, foldCorrect: (s: { temperature: number }) => (s.temperature >= 2 || s.temperature === 0.3 ? 1 : 0) };
    expect(chooseOnDevelopment(matcher, development, hot).temperature).toBeGreaterThanOrEqual(2);
  });

  it('does not give up a second question the folds’ fit lists', () => {
    const multi = loadMulti();
    const listed = (c: typeof foldsFit) =>
      multi.filter((e) =>
        e.intents.every((i) =>
          matcher
            .withCalibration(c)
            .classify(e.text)
            .intents.some((f) => f.intent === i),
        ),
      ).length;
    const fit = { calibration: foldsFit, foldCorrect: () => 1 };
    expect(listed(chooseOnDevelopment(matcher, development, fit, multi))).toBeGreaterThanOrEqual(listed(foldsFit));
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

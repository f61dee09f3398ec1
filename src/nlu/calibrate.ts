// Fits the softmax temperature (minimum log-loss; a base plus a part per known feature) and the
// out-of-scope threshold (best accuracy) on predictions for folds the classifier did not train on;
// then, when there are development sets, re-chooses the temperature on them (chooseOnDevelopment).
import type { Calibration, Matcher, ScoreParts } from './matcher';
import type { LabelledText } from '../shared/types';
import { stratifiedFolds } from './folds';
import { multiIntentHits, type MultiExample } from './evaluate';

const BASES = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5];
const PER_FEATURE = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];
const GRID = BASES.flatMap((temperature) => PER_FEATURE.map((temperaturePerFeature) => ({ temperature, temperaturePerFeature })));

interface HeldOutScore {
  truth: string;
  probs: { intent: string; confidence: number }[];
}

/** The folds' fit, and how many fold examples (our own style) a setting reads right. */
export interface FoldFit {
  calibration: Calibration;
  foldCorrect(setting: Omit<Calibration, 'threshold'>): number;
}

export function fitCalibration(examples: LabelledText[], train: (examples: LabelledText[]) => Matcher, k: number): FoldFit {
  const folds = stratifiedFolds(examples, k);
  const perSetting = GRID.map(() => [] as HeldOutScore[]);
  const readings: { truth: string; matcher: Matcher; parts: ScoreParts }[] = [];
  for (let i = 0; i < k; i++) {
    const matcher = train(folds.filter((_, j) => j !== i).flat());
    for (const e of folds[i]!) {
      const parts = matcher.scoreParts(matcher.featurize(e.text));
      readings.push({ truth: e.intent, matcher, parts });
      GRID.forEach((setting, g) => perSetting[g]!.push({ truth: e.intent, probs: matcher.combine(parts, setting) }));
    }
  }
  let best = 0;
  let bestLoss = Infinity;
  perSetting.forEach((scores, g) => {
    let loss = 0;
    for (const s of scores) loss -= Math.log(Math.max(1e-9, s.probs.find((p) => p.intent === s.truth)?.confidence ?? 0));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = g;
    }
  });
  const threshold = fitThreshold(perSetting[best]!);
  const foldCorrect = (setting: Omit<Calibration, 'threshold'>) =>
    readings.filter(({ truth, matcher, parts }) => {
      const top = matcher.combine(parts, setting, 1)[0]!;
      return (top.intent !== 'out_of_scope' && top.confidence < threshold ? 'out_of_scope' : top.intent) === truth;
    }).length;
  return { calibration: { ...GRID[best]!, threshold }, foldCorrect };
}

/** The confidence cut that maximises accuracy when rejected messages count as out_of_scope. */
function fitThreshold(scores: HeldOutScore[]): number {
  let best = 0;
  let bestCorrect = -1;
  for (let th = 0; th <= 0.8; th += 0.02) {
    let correct = 0;
    for (const s of scores) {
      const top = s.probs[0]!;
      const predicted = top.intent !== 'out_of_scope' && top.confidence < th ? 'out_of_scope' : top.intent;
      if (predicted === s.truth) correct++;
    }
    if (correct > bestCorrect) {
      bestCorrect = correct;
      best = th;
    }
  }
  return Math.round(best * 100) / 100;
}

/** A development line: the text and the intents that count as right for it. */
export interface DevelopmentExample {
  text: string;
  intent: readonly string[];
}

const DEV_BASES = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];
const DEV_PER_FEATURE = [0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.12];

/**
 * The temperature under which the whole matcher (sentence reading, out-of-scope rules and all) reads
 * the real-style development sets best, among the settings that read our own corpus (the folds) and
 * the two-question messages at least as well as the folds' fit does.
 * Why not the folds' fit alone: the corpus's lines are shorter and tidier than real messages, and
 * its log-loss asks for a temperature that grows fast with the number of features (0.1 per feature),
 * which flattens the Bayes reading of a long real message until the regression, fitted to our own
 * style, decides alone. Every development set read better with a slower growth. Why the guards: our
 * own style reads best the other way round (a hot temperature, the regression deciding), and a hot
 * base temperature makes short sentences unsure, so a message's second question is no longer listed.
 * Accuracy moves in steps of one message, so a cell is judged by the mean of its neighbourhood, not
 * alone. No eligible cell keeps the folds' fit.
 */
export function chooseOnDevelopment(
  matcher: Matcher,
  development: readonly DevelopmentExample[],
  fit: FoldFit,
  multiQuestion: readonly MultiExample[] = [],
): Calibration {
  const { threshold } = fit.calibration;
  const multiFound = (m: Matcher) => multiIntentHits(m, multiQuestion);
  const ownStyle = fit.foldCorrect(fit.calibration);
  const twoQuestions = multiFound(matcher.withCalibration(fit.calibration));
  const eligible: boolean[][] = [];
  const correct = DEV_BASES.map((temperature, b) =>
    DEV_PER_FEATURE.map((temperaturePerFeature, f) => {
      const setting = { temperature, temperaturePerFeature };
      const m = matcher.withCalibration({ ...setting, threshold });
      (eligible[b] ??= [])[f] = fit.foldCorrect(setting) >= ownStyle && multiFound(m) >= twoQuestions;
      return development.filter((e) => e.intent.includes(m.classify(e.text).intent)).length;
    }),
  );
  const peak = plateauPeak(correct, eligible);
  if (!peak) return fit.calibration;
  return { temperature: DEV_BASES[peak[0]]!, temperaturePerFeature: DEV_PER_FEATURE[peak[1]]!, threshold };
}

/**
 * The eligible cell whose neighbourhood (itself and the up to eight cells around it, eligible or not)
 * has the highest mean; ties keep the first; null when no cell is eligible.
 */
export function plateauPeak(grid: readonly (readonly number[])[], eligible?: readonly (readonly boolean[])[]): [number, number] | null {
  let best: [number, number] | null = null;
  let bestMean = -Infinity;
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < grid[i]!.length; j++) {
      if (eligible && !eligible[i]?.[j]) continue;
      let sum = 0;
      let cells = 0;
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          const v = grid[i + di]?.[j + dj];
          if (v === undefined) continue;
          sum += v;
          cells++;
        }
      }
      if (sum / cells > bestMean) {
        bestMean = sum / cells;
        best = [i, j];
      }
    }
  }
  return best;
}

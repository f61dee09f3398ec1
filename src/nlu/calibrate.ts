// Fits the softmax temperature (minimum log-loss; a base plus a part per known feature) and the
// out-of-scope threshold (best accuracy) on predictions for folds the classifier did not train on;
// then, when there are development sets, re-chooses the temperature on them (chooseOnDevelopment).
import type { Calibration, Matcher } from './matcher';
import type { LabelledText } from '../shared/types';
import { stratifiedFolds } from './folds';

const BASES = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5];
const PER_FEATURE = [0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];
const GRID = BASES.flatMap((temperature) => PER_FEATURE.map((temperaturePerFeature) => ({ temperature, temperaturePerFeature })));

interface HeldOutScore {
  truth: string;
  probs: { intent: string; confidence: number }[];
}

export function fitCalibration(examples: LabelledText[], train: (examples: LabelledText[]) => Matcher, k: number): Calibration {
  const folds = stratifiedFolds(examples, k);
  const perSetting = GRID.map(() => [] as HeldOutScore[]);
  for (let i = 0; i < k; i++) {
    const matcher = train(folds.filter((_, j) => j !== i).flat());
    for (const e of folds[i]!) {
      const parts = matcher.scoreParts(matcher.featurize(e.text));
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
  return { ...GRID[best]!, threshold: fitThreshold(perSetting[best]!) };
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
 * the real-style development sets best. Why not the fold fit alone: the corpus's lines are shorter
 * and tidier than real messages, and its log-loss asks for a temperature that grows fast with the
 * number of features (0.1 per feature), which flattens the Bayes reading of a long real message
 * until the regression, fitted to our own style, decides alone. Every development set read better
 * with a slower growth (0.01-0.04). A hot base temperature (1.5 and more) reads them as well but makes
 * short sentences unsure, so the second question of a message is no longer listed: the two-question
 * messages count too, one point each when every intent they ask is found. Accuracy moves in steps
 * of one message, so the setting chosen is the one whose neighbours in the grid read best on
 * average, not a lone lucky cell.
 */
export function chooseOnDevelopment(
  matcher: Matcher,
  development: readonly DevelopmentExample[],
  threshold: number,
  multiQuestion: readonly MultiQuestionExample[] = [],
): Calibration {
  const correct = DEV_BASES.map((temperature) =>
    DEV_PER_FEATURE.map((temperaturePerFeature) => {
      const m = matcher.withCalibration({ temperature, temperaturePerFeature, threshold });
      const read = development.filter((e) => e.intent.includes(m.classify(e.text).intent)).length;
      return read + multiQuestion.filter((e) => allFound(m, e)).length;
    }),
  );
  const [b, f] = plateauPeak(correct);
  return { temperature: DEV_BASES[b]!, temperaturePerFeature: DEV_PER_FEATURE[f]!, threshold };
}

/** A message that asks two questions, and the intents that must all be listed for it. */
export interface MultiQuestionExample {
  text: string;
  intents: readonly string[];
}

function allFound(m: Matcher, e: MultiQuestionExample): boolean {
  const found = new Set<string>(m.classify(e.text).intents.map((i) => i.intent));
  return e.intents.every((i) => found.has(i));
}

/** The cell whose neighbourhood (itself and the up to eight cells around it) has the highest mean; ties keep the first. */
export function plateauPeak(grid: readonly (readonly number[])[]): [number, number] {
  let best: [number, number] = [0, 0];
  let bestMean = -Infinity;
  for (let i = 0; i < grid.length; i++) {
    for (let j = 0; j < grid[i]!.length; j++) {
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

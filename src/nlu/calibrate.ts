// Fits the softmax temperature (minimum log-loss; a base plus a part per known feature) and the
// out-of-scope threshold (best accuracy) on predictions for folds the classifier did not train on.
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

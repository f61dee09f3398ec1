// NLU evaluation: k-fold cross-validation on the corpus and a score on held-out fixtures,
// with per-intent precision/recall/F1, the most confused pairs and the out-of-scope rejection rate.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { join } from 'node:path';
import { INTENTS, type IntentName } from '../shared/types';
import { readJsonlFile } from './jsonl-file';
import { FIXTURES_DIR } from '../paths';
import type { Matcher } from './matcher';
import { stratifiedFolds } from './folds';
import type { LabelledText } from '../shared/types';

export interface Prediction {
  text: string;
  truth: string;
  predicted: string;
  confidence: number;
}

export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  examples: number;
  accuracy: number;
  perIntent: Record<string, IntentMetrics>;
  confusedPairs: { truth: string; predicted: string; count: number }[];
  /** Share of out-of-scope messages the matcher rejected. */
  outOfScopeRejection: number;
  /** Share of in-scope messages wrongly rejected as out of scope. */
  inScopeFalseRejection: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function report(predictions: Prediction[]): Report {
  const labels = new Set<string>();
  for (const p of predictions) labels.add(p.truth).add(p.predicted);
  const perIntent: Record<string, IntentMetrics> = {};
  for (const label of [...labels].sort()) {
    const tp = predictions.filter((p) => p.truth === label && p.predicted === label).length;
    const fp = predictions.filter((p) => p.truth !== label && p.predicted === label).length;
    const fn = predictions.filter((p) => p.truth === label && p.predicted !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    perIntent[label] = {
      precision: r3(precision),
      recall: r3(recall),
      f1: r3(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
      support: tp + fn,
    };
  }
  const pairs = new Map<string, number>();
  for (const p of predictions) if (p.truth !== p.predicted) pairs.set(`${p.truth}\u0000${p.predicted}`, (pairs.get(`${p.truth}\u0000${p.predicted}`) ?? 0) + 1);
  const confusedPairs = [...pairs.entries()]
    .map(([k, count]) => {
      const [truth, predicted] = k.split('\u0000') as [string, string];
      return { truth, predicted, count };
    })
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  const oos = predictions.filter((p) => p.truth === 'out_of_scope');
  const ins = predictions.filter((p) => p.truth !== 'out_of_scope');
  return {
    examples: predictions.length,
    accuracy: r3(predictions.filter((p) => p.truth === p.predicted).length / Math.max(1, predictions.length)),
    perIntent,
    confusedPairs,
    outOfScopeRejection: r3(oos.filter((p) => p.predicted === 'out_of_scope').length / Math.max(1, oos.length)),
    inScopeFalseRejection: r3(ins.filter((p) => p.predicted === 'out_of_scope').length / Math.max(1, ins.length)),
  };
}

export function predict(matcher: Matcher, examples: LabelledText[]): Prediction[] {
  return examples.map((e) => {
    const m = matcher.classify(e.text);
    return { text: e.text, truth: e.intent, predicted: m.intent, confidence: m.confidence };
  });
}

export function crossValidate(examples: LabelledText[], train: (examples: LabelledText[]) => Matcher, k = 5): Prediction[] {
  const folds = stratifiedFolds(examples, k);
  return folds.flatMap((fold, i) => predict(train(folds.filter((_, j) => j !== i).flat()), fold));
}

const heldoutLine = z.object({ text: z.string().min(1), intent: z.enum(INTENTS) });
const multiLine = z.object({ text: z.string().min(1), intents: z.array(z.enum(INTENTS)).min(2) });

export function loadHeldout(file = join(FIXTURES_DIR, 'nlu', 'heldout.jsonl')): LabelledText[] {
  return readJsonlFile(file, heldoutLine).map(({ text, intent }) => ({ text, intent }));
}

export interface MultiExample {
  text: string;
  intents: IntentName[];
}

/** Two-question messages in English, with the intents both questions ask. */
export const MULTI_FILE = join(FIXTURES_DIR, 'nlu', 'multi.jsonl');

export function loadMulti(file = MULTI_FILE): MultiExample[] {
  return existsSync(file) ? readJsonlFile(file, multiLine) : [];
}

/** How many two-question messages have every intent they ask found. */
export function multiIntentHits(matcher: Matcher, examples: readonly MultiExample[]): number {
  return examples.filter((e) => {
    const found = new Set(matcher.classify(e.text).intents.map((i) => i.intent));
    return e.intents.every((i) => found.has(i));
  }).length;
}

/** Share of two-question messages where both intents were found. */
export function multiIntentRecall(matcher: Matcher, examples: MultiExample[]): number {
  if (!examples.length) return 0;
  return r3(multiIntentHits(matcher, examples) / examples.length);
}

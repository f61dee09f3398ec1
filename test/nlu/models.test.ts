import { describe, expect, it } from 'vitest';
import { IntentClassifier, type TrainingDoc } from '../../src/nlu/classifier';
import { DEFAULT_LOGISTIC, SoftmaxRegression } from '../../src/nlu/logistic';

// A toy corpus: a large "other" class and a small "money" class that share the word "my".
const docs: TrainingDoc[] = [
  ...['weather today', 'tell me a joke', 'best pizza', 'my cat', 'my car is red', 'football score', 'good movie', 'my dog barks'].map((t) => ({
    features: t.split(' '),
    label: 'other',
  })),
  ...['my funds', 'my money safe', 'funds safe'].map((t) => ({ features: t.split(' '), label: 'money' })),
];

describe('Bayes classifier (multinomial scoring of natural counts)', () => {
  const nb = IntentClassifier.train(docs);
  const best = (features: string[]) => {
    const scores = nb.logScores(nb.indicesOf(features));
    return nb.labels[scores.indexOf(Math.max(...scores))];
  };

  it('lets the words decide, not the size of the class', () => {
    expect(best(['funds', 'safe'])).toBe('money');
    expect(best(['joke'])).toBe('other');
  });

  it('ignores features it never saw', () => {
    expect(nb.indicesOf(['zebra', 'funds', 'quantum'])).toEqual(nb.indicesOf(['funds']));
    expect(best(['zebra', 'funds'])).toBe('money');
  });
});

describe('softmax regression', () => {
  const nb = IntentClassifier.train(docs);
  const indexed = docs.map((d) => ({ features: nb.indicesOf(d.features), label: nb.labels.indexOf(d.label) }));
  const lr = SoftmaxRegression.train(indexed, nb.labels, nb.vocabularySize);

  it('returns probabilities that sum to one and separate the classes', () => {
    const p = lr.probabilities(nb.indicesOf(['money', 'safe']));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(p[nb.labels.indexOf('money')]).toBeGreaterThan(0.6);
    expect(lr.probabilities(nb.indicesOf(['pizza']))[nb.labels.indexOf('other')]).toBeGreaterThan(0.6);
  });

  it('trains the same model twice from the same data (seeded shuffle)', () => {
    const again = SoftmaxRegression.train(indexed, nb.labels, nb.vocabularySize);
    expect(again.model.weights).toEqual(lr.model.weights);
    expect(SoftmaxRegression.fromModel(JSON.parse(JSON.stringify(lr.model))).probabilities([0, 1])).toEqual(lr.probabilities([0, 1]));
  });

  it('gives back the saved weights exactly from the single-precision copy it keeps', () => {
    const saved = { labels: ['a', 'b'], features: 2, weights: [0.001, -6.813, 12.345, 0, 3.5, -0.999] };
    expect(SoftmaxRegression.fromModel(saved).model).toEqual(saved);
  });

  it('averages the weights of its runs, each shuffled by its own seed', () => {
    const runs = [0, 1000, 2000].map(
      (offset) =>
        SoftmaxRegression.train(indexed, nb.labels, nb.vocabularySize, { ...DEFAULT_LOGISTIC, runs: 1, seed: DEFAULT_LOGISTIC.seed + offset }).model.weights,
    );
    // Different shuffles give different models, so there is something to average.
    expect(runs[1]).not.toEqual(runs[0]);
    const averaged = SoftmaxRegression.train(indexed, nb.labels, nb.vocabularySize, { ...DEFAULT_LOGISTIC, runs: 3 }).model.weights;
    // Each run is rounded to three decimals on its own, the average once: they differ by rounding only.
    averaged.forEach((w, i) => expect(Math.abs(w - (runs[0]![i]! + runs[1]![i]! + runs[2]![i]!) / 3)).toBeLessThanOrEqual(0.0011));
  });
});

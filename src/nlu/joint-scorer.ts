// Scores a message with both models in one pass. Each feature's Bayes row and regression row sit
// side by side, so a feature costs one trip to memory instead of two: with tens of thousands of
// features the tables outgrow the CPU caches, and those trips are most of a classification.
import type { IntentClassifier } from './classifier';
import type { SoftmaxRegression } from './logistic';

export class JointScorer {
  private readonly rows: Float32Array;
  private readonly labels: number;
  private readonly priors: Float64Array;
  private readonly bias: Float64Array;

  constructor(bayes: IntentClassifier, regression: SoftmaxRegression) {
    const { table: nb, priors } = bayes.logTable;
    const { table: lr, biasRow } = regression.weightTable;
    const L = priors.length;
    const V = nb.length / L;
    this.labels = L;
    this.priors = priors;
    this.bias = Float64Array.from(lr.subarray(biasRow * L, biasRow * L + L));
    this.rows = new Float32Array(V * 2 * L);
    for (let f = 0; f < V; f++) {
      this.rows.set(nb.subarray(f * L, f * L + L), f * 2 * L);
      this.rows.set(lr.subarray(f * L, f * L + L), f * 2 * L + L);
    }
  }

  /** Bayes log-scores and regression probabilities, in label order, for known feature positions. */
  score(indices: number[]): { logs: Float64Array; regression: Float64Array } {
    const L = this.labels;
    const logs = Float64Array.from(this.priors);
    const z = Float64Array.from(this.bias);
    for (const i of indices) {
      const base = i * 2 * L;
      for (let c = 0; c < L; c++) {
        logs[c] += this.rows[base + c]!;
        z[c] += this.rows[base + L + c]!;
      }
    }
    let max = -Infinity;
    for (let c = 0; c < L; c++) if (z[c]! > max) max = z[c]!;
    let sum = 0;
    for (let c = 0; c < L; c++) sum += z[c] = Math.exp(z[c]! - max);
    for (let c = 0; c < L; c++) z[c] = z[c]! / sum;
    return { logs, regression: z };
  }
}

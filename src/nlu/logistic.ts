// Softmax (multinomial logistic) regression over the same sparse features as the Bayes model.
// Naive Bayes treats "account", "region" and "region_account" as independent evidence; the
// discriminative model learns which words really separate two intents, and their average is
// more accurate than either alone (5-fold cross-validation when it was added: Bayes 0.861,
// regression 0.878, both 0.884).
export interface LogisticModel {
  labels: string[];
  /** Size of the vocabulary it shares with the Bayes classifier (feature positions are the same). */
  features: number;
  /** Weights, feature-major: weights[f * labels.length + c]; the row after the last feature is the bias. */
  weights: number[];
}

/** One training example: positions of its features and the position of its label. */
export interface IndexedExample {
  features: number[];
  label: number;
}

export interface LogisticOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Models trained from different shuffles (seed, seed + 1000, …) whose weights are averaged. */
  runs: number;
}

/**
 * One shuffle of the training data is a draw: three seeds of the same corpus moved the development
 * sets by up to 0.021. The average of three runs' weights scores as fast as one model and moves
 * them by at most 0.007, with the same mean (development sets 1–4, seeds 7 / 11 / 23).
 */
export const DEFAULT_LOGISTIC: LogisticOptions = { epochs: 15, learningRate: 0.2, l2: 1e-5, seed: 7, runs: 3 };

export class SoftmaxRegression {
  /** Single precision for scoring (half the memory per lookup); training keeps double precision. */
  private readonly weights: Float32Array;
  private readonly bias: number;
  readonly labels: string[];

  private constructor(model: LogisticModel) {
    this.labels = model.labels;
    // Only the single-precision copy is kept: the parsed list of doubles (8 bytes a weight, about
    // 7 MB for the English model) would double the model's memory for nothing.
    this.weights = Float32Array.from(model.weights);
    this.bias = model.features;
  }

  /** The model as saved. Weights have three decimals, which single precision gives back exactly. */
  get model(): LogisticModel {
    return { labels: this.labels, features: this.bias, weights: Array.from(this.weights, (v) => Math.round(v * 1000) / 1000) };
  }

  /** `opts.runs` runs of stochastic gradient descent, each shuffled by its own seeded generator (repeatable), averaged. */
  static train(examples: IndexedExample[], labels: string[], features: number, opts: LogisticOptions = DEFAULT_LOGISTIC): SoftmaxRegression {
    const runs = Math.max(1, opts.runs);
    const sum = new Float64Array((features + 1) * labels.length);
    for (let k = 0; k < runs; k++) {
      const w = descend(examples, labels.length, features, opts, opts.seed + k * 1000);
      for (let i = 0; i < sum.length; i++) sum[i]! += w[i]!;
    }
    // Three decimals keep the saved model small and change no prediction that matters.
    const weights = Array.from(sum, (v) => Math.round((v / runs) * 1000) / 1000);
    return new SoftmaxRegression({ labels, features, weights });
  }

  static fromModel(model: LogisticModel): SoftmaxRegression {
    return new SoftmaxRegression(model);
  }

  /** Probabilities of every label (in label order) for known feature positions, written into `p`. */
  probabilities(indices: number[], p = new Float64Array(this.labels.length)): Float64Array {
    p.fill(0);
    this.addRows(indices, p);
    return this.probabilitiesFromSums(p, p);
  }

  /**
   * Adds (sign 1) or takes away (sign -1) the features' weight rows. The weights are three-decimal
   * values in single precision (multiples of 2^-33 below 8), so these sums are exact in double
   * precision whatever their order: a message's sentence sums add up to its own sum, bit for bit.
   */
  addRows(indices: readonly number[], sums: Float64Array, sign: 1 | -1 = 1): void {
    const L = this.labels.length;
    const w = this.weights;
    const n = indices.length;
    // Four labels at a time, each summed in a local in feature order: the same additions in the
    // same order as one label after another, so the same bits, but the partial sums stay in
    // registers instead of a load and a store of sums[c] per weight (about twice as fast).
    // Taking a weight away subtracts it (what adding it times -1 gave: IEEE subtraction is exactly that).
    let c = 0;
    for (; c + 4 <= L; c += 4) {
      let s0 = sums[c]!;
      let s1 = sums[c + 1]!;
      let s2 = sums[c + 2]!;
      let s3 = sums[c + 3]!;
      if (sign === 1) {
        for (let i = 0; i < n; i++) {
          const at = indices[i]! * L + c;
          s0 += w[at]!;
          s1 += w[at + 1]!;
          s2 += w[at + 2]!;
          s3 += w[at + 3]!;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const at = indices[i]! * L + c;
          s0 -= w[at]!;
          s1 -= w[at + 1]!;
          s2 -= w[at + 2]!;
          s3 -= w[at + 3]!;
        }
      }
      sums[c] = s0;
      sums[c + 1] = s1;
      sums[c + 2] = s2;
      sums[c + 3] = s3;
    }
    for (; c < L; c++) {
      let s = sums[c]!;
      if (sign === 1) for (let i = 0; i < n; i++) s += w[indices[i]! * L + c]!;
      else for (let i = 0; i < n; i++) s -= w[indices[i]! * L + c]!;
      sums[c] = s;
    }
  }

  /** Probabilities from summed rows (see addRows): the bias row added, then the softmax. */
  probabilitiesFromSums(sums: Float64Array, p: Float64Array): Float64Array {
    const L = this.labels.length;
    const base = this.bias * L;
    for (let c = 0; c < L; c++) p[c] = sums[c]! + this.weights[base + c]!;
    softmaxInPlace(p, L);
    return p;
  }
}

/** One run of stochastic gradient descent over `examples`, shuffled by `seed`. */
function descend(examples: IndexedExample[], L: number, features: number, opts: LogisticOptions, seed: number): Float64Array {
  const bias = features;
  const w = new Float64Array((bias + 1) * L);
  const order = examples.map((_, i) => i);
  const p = new Float64Array(L);
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const step = (base: number, rate: number, decay: number, y: number) => {
    for (let c = 0; c < L; c++) w[base + c] = w[base + c]! * decay - rate * (p[c]! - (c === y ? 1 : 0));
  };
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = opts.learningRate / (1 + epoch * 0.2);
    const decay = 1 - rate * opts.l2;
    for (const i of order) {
      const { features: x, label: y } = examples[i]!;
      softmaxInto(p, w, x, bias, L);
      for (const f of x) step(f * L, rate, decay, y);
      step(bias * L, rate, decay, y);
    }
  }
  return w;
}

/** p = softmax(bias row + the rows of the given features); rows are feature-major, so each is contiguous. */
function softmaxInto(p: Float64Array, w: Float64Array, x: number[], bias: number, L: number): void {
  for (let c = 0; c < L; c++) p[c] = w[bias * L + c]!;
  for (const f of x) {
    const base = f * L;
    for (let c = 0; c < L; c++) p[c] += w[base + c]!;
  }
  softmaxInPlace(p, L);
}

function softmaxInPlace(p: Float64Array, L: number): void {
  let max = -Infinity;
  for (let c = 0; c < L; c++) if (p[c]! > max) max = p[c]!;
  let sum = 0;
  for (let c = 0; c < L; c++) sum += p[c] = Math.exp(p[c]! - max);
  for (let c = 0; c < L; c++) p[c] = p[c]! / sum;
}

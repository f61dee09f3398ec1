// Naive Bayes intent scores, trained with natural's BayesClassifier. Scoring reads natural's
// counts in log space over the message's own features only, which keeps it far below a
// millisecond and avoids the underflow of multiplying probabilities for long messages.
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';

export interface TrainingDoc {
  features: string[];
  label: string;
}

export interface ClassifierModel {
  vocabulary: string[];
  labels: string[];
  classFeatures: Record<string, Record<number, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

export class IntentClassifier {
  private readonly index: Map<string, number>;
  /** logTable[c][f] = log P(feature f | class c); logMissing[c] for features the class never saw. */
  private readonly logTable: Float64Array[];
  private readonly logMissing: Float64Array;
  private readonly logPrior: Float64Array;
  readonly labels: string[];

  private constructor(readonly model: ClassifierModel) {
    this.labels = model.labels;
    this.index = new Map(model.vocabulary.map((f, i) => [f, i]));
    const V = model.vocabulary.length;
    this.logTable = [];
    this.logMissing = new Float64Array(this.labels.length);
    this.logPrior = new Float64Array(this.labels.length);
    this.labels.forEach((label, c) => {
      const total = model.classTotals[label]!;
      const row = new Float64Array(V);
      const missing = Math.log(model.smoothing / total);
      row.fill(missing);
      for (const [f, count] of Object.entries(model.classFeatures[label] ?? {})) row[Number(f)] = Math.log(count / total);
      this.logTable.push(row);
      this.logMissing[c] = missing;
      this.logPrior[c] = Math.log(total / model.totalExamples);
    });
  }

  static train(docs: TrainingDoc[], smoothing = 1): IntentClassifier {
    const vocabulary: string[] = [];
    const index = new Map<string, number>();
    for (const d of docs) for (const f of d.features) if (!index.has(f)) index.set(f, vocabulary.push(f) - 1);
    const nb = new BayesClassifier(undefined, smoothing);
    // natural's dense path is the one that keeps class totals right; reuse one array for speed.
    const observation: number[] = new Array(vocabulary.length).fill(0);
    for (const d of docs) {
      const idx = d.features.map((f) => index.get(f)!);
      for (const i of idx) observation[i] = 1;
      nb.classifier.addExample(observation, d.label);
      for (const i of idx) observation[i] = 0;
    }
    nb.classifier.train();
    const { classFeatures, classTotals, totalExamples } = nb.classifier;
    return new IntentClassifier({
      vocabulary,
      labels: Object.keys(classTotals),
      classFeatures,
      classTotals,
      totalExamples,
      smoothing,
    });
  }

  static fromModel(model: ClassifierModel): IntentClassifier {
    return new IntentClassifier(model);
  }

  knowsFeature(f: string): boolean {
    return this.index.has(f);
  }

  /** Log-likelihood score of every label, in label order. Unknown features carry no evidence. */
  logScores(features: string[]): Float64Array {
    const scores = Float64Array.from(this.logPrior);
    for (const f of features) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      for (let c = 0; c < scores.length; c++) scores[c] += this.logTable[c]![i]!;
    }
    return scores;
  }
}

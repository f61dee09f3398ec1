// The two models' sums for the readings of one message. A message of several sentences is read
// sentence by sentence and then its content sentences together (matcher.ts readSentences), so
// most features were scored twice, and the regression is dense: 29 additions per feature. The
// Bayes evidence and the regression rows are sums that are exact in double precision whatever
// their order (classifier.ts addEvidence, logistic.ts addRows), so the sums of the sentences,
// less the features that several sentences share, are the sums of the content reading bit for
// bit: it costs its shared features, not all of them (test/nlu/reading-scores.test.ts).
import type { IntentClassifier } from './classifier';
import type { KnownFeatures } from './feature-ids';
import type { SoftmaxRegression } from './logistic';

/** What deciding needs of one reading: its counts and the two models' sums over its features. */
export interface Reading {
  /** Distinct features the vocabulary knows. */
  features: number;
  words: number;
  known: number;
  knownAsTyped: number;
  /** Bayes seen-class differences, summed per label. */
  evidence: Float64Array;
  /** Regression weight rows, summed per label (bias not included). */
  rows: Float64Array;
}

/** A reading that can be joined with others: it keeps its feature positions. */
export interface RangeReading extends Reading {
  indices: readonly number[];
}

export class ReadingScores {
  /** Per-label arrays handed out since the last `reset`; classify is synchronous, so one pool serves every call. */
  private readonly pool: Float64Array[] = [];
  private used = 0;
  /** seen[f] === stamp when feature f is already in the joined reading being built. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  private readonly labels: number;

  constructor(
    private readonly classifier: IntentClassifier,
    private readonly logistic: SoftmaxRegression,
  ) {
    this.labels = classifier.labels.length;
    this.seen = new Uint32Array(classifier.vocabularySize);
  }

  /** A new message: the arrays of the previous one's readings are used again. */
  reset(): void {
    this.used = 0;
  }

  /** The sums of some features (one sentence, or a whole message). */
  read(k: KnownFeatures): RangeReading {
    const evidence = this.take();
    const rows = this.take();
    this.classifier.addEvidence(k.indices, evidence);
    this.logistic.addRows(k.indices, rows);
    return { features: k.indices.length, words: k.words, known: k.known, knownAsTyped: k.knownAsTyped, evidence, rows, indices: k.indices };
  }

  /** Readings of disjoint word ranges read together: their sums added, each shared feature taken away again. */
  join(parts: readonly RangeReading[]): Reading {
    const evidence = this.take();
    const rows = this.take();
    const stamp = this.nextStamp();
    const seen = this.seen;
    const shared: number[] = [];
    let features = 0;
    let words = 0;
    let known = 0;
    let knownAsTyped = 0;
    for (const r of parts) {
      for (let c = 0; c < this.labels; c++) {
        evidence[c] += r.evidence[c]!;
        rows[c] += r.rows[c]!;
      }
      for (const f of r.indices) {
        if (seen[f] === stamp) shared.push(f);
        else {
          seen[f] = stamp;
          features++;
        }
      }
      words += r.words;
      known += r.known;
      knownAsTyped += r.knownAsTyped;
    }
    this.classifier.addEvidence(shared, evidence, -1);
    this.logistic.addRows(shared, rows, -1);
    return { features, words, known, knownAsTyped, evidence, rows };
  }

  private take(): Float64Array {
    let a = this.pool[this.used];
    if (a) a.fill(0);
    else this.pool.push((a = new Float64Array(this.labels)));
    this.used++;
    return a;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

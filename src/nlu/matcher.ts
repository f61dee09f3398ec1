// The intent matcher: natural's tokenizer/stemmer/Bayes classifier, a calibrated confidence,
// an out-of-scope decision, and detection of two questions in one message.
import type { IntentName, IntentScore } from '../shared/types';
import { IntentClassifier, type ClassifierModel } from './classifier';
import { SoftmaxRegression, type LogisticModel } from './logistic';
import { featurize, type Featurized } from './features';
import type { Normalizer } from './normalize';
import type { SpellingCorrector } from './spelling';
import { splitClauses } from './clauses';

export interface Calibration {
  /**
   * Softmax temperature fitted on cross-validation folds: turns Bayes scores into probabilities.
   * It grows with the number of known features, because Naive Bayes counts correlated words of a
   * long message as independent evidence (overconfident) and a one-word reply as weak (underconfident).
   */
  temperature: number;
  temperaturePerFeature: number;
  /** Below this calibrated confidence a message is treated as out of scope. */
  threshold: number;
}

export interface MatchResult {
  intent: IntentName;
  confidence: number;
  /** Every intent found (one per clause), in the order the user wrote them. */
  intents: IntentScore[];
  /** The best three candidates for the whole message. */
  ranking: IntentScore[];
  /** Corrected, normalised words (for slot extraction). */
  words: string[];
}

export interface ScoreParts {
  /** Bayes log-scores in label order. */
  logs: Float64Array;
  /** Regression probabilities in label order. */
  regression: Float64Array;
  /** Features of the message the training data knew. */
  known: number;
}

export interface MatcherParts {
  classifier: IntentClassifier;
  /** Trained on the same features and labels (in the same order) as the Bayes classifier. */
  logistic: SoftmaxRegression;
  normalizer: Normalizer;
  speller: SpellingCorrector;
  calibration: Calibration;
}

const OOS: IntentName = 'out_of_scope';
/** A clause must be this sure to count as a second question: lower cuts let fragments such as
 * "what should I do?" or "pls help" pass as extra intents (measured on the held-out single-intent
 * messages: 14 of 554 got a second intent at 0.5, 8 at 0.75, with the same two-question recall). */
const CLAUSE_MIN_CONFIDENCE = 0.75;

export class Matcher {
  readonly classifier: IntentClassifier;
  readonly logistic: SoftmaxRegression;
  readonly calibration: Calibration;
  private readonly normalizer: Normalizer;
  private readonly speller: SpellingCorrector;

  constructor(parts: MatcherParts) {
    this.classifier = parts.classifier;
    this.logistic = parts.logistic;
    this.normalizer = parts.normalizer;
    this.speller = parts.speller;
    this.calibration = parts.calibration;
  }

  featurize(text: string): Featurized {
    return featurize(text, this.normalizer, this.speller);
  }

  /** The two models' raw outputs for already-featurized text (calibration reuses them for every setting it tries). */
  scoreParts(f: Featurized): ScoreParts {
    const indices = this.classifier.indicesOf(f.features);
    return { logs: this.classifier.logScores(indices), regression: this.logistic.probabilities(indices), known: indices.length };
  }

  /** Calibrated probabilities: the mean of the temperature-scaled Bayes posterior and the regression's probabilities. */
  combine(parts: ScoreParts, calibration: Omit<Calibration, 'threshold'> = this.calibration, limit = Infinity): IntentScore[] {
    const { logs, regression } = parts;
    const temperature = temperatureFor(calibration, parts.known);
    let max = -Infinity;
    for (const v of logs) if (v > max) max = v;
    let sum = 0;
    const p = new Float64Array(logs.length);
    for (let c = 0; c < logs.length; c++) sum += p[c] = Math.exp((logs[c]! - max) / temperature);
    for (let c = 0; c < logs.length; c++) p[c] = (p[c]! / sum + regression[c]!) / 2;
    return topScores(p, this.classifier.labels as IntentName[], limit);
  }

  /** The best `limit` intents, most likely first. */
  probabilities(f: Featurized, limit = Infinity): IntentScore[] {
    return this.combine(this.scoreParts(f), this.calibration, limit);
  }

  /** The decision for one piece of text: the best intent, or out_of_scope when unsure. */
  decide(f: Featurized): { best: IntentScore; ranking: IntentScore[] } {
    if (f.known === 0) {
      const ranking = [{ intent: OOS, confidence: 1 }];
      return { best: ranking[0]!, ranking };
    }
    const ranking = this.probabilities(f, 3);
    const top = ranking[0]!;
    if (top.intent !== OOS && top.confidence < this.calibration.threshold) {
      // Confidence that the message is out of scope is what the top intent lacks.
      return { best: { intent: OOS, confidence: round(1 - top.confidence) }, ranking };
    }
    return { best: { intent: top.intent, confidence: round(top.confidence) }, ranking };
  }

  classify(text: string): MatchResult {
    const whole = this.featurize(text);
    const { best, ranking } = this.decide(whole);
    const intents = this.clauseIntents(text, best);
    return {
      intent: best.intent,
      confidence: best.confidence,
      intents,
      ranking: ranking.map((r) => ({ intent: r.intent, confidence: round(r.confidence) })),
      words: whole.words,
    };
  }

  /** Classifies each clause; two confident, different intents mean two questions in one message. */
  private clauseIntents(text: string, whole: IntentScore): IntentScore[] {
    const clauses = splitClauses(text);
    if (clauses.length < 2) return [whole];
    const found: IntentScore[] = [];
    for (const clause of clauses) {
      const { best } = this.decide(this.featurize(clause));
      if (best.intent === OOS || best.confidence < Math.max(this.calibration.threshold, CLAUSE_MIN_CONFIDENCE)) continue;
      if (!found.some((f) => f.intent === best.intent)) found.push(best);
    }
    if (found.length === 0) return [whole];
    if (whole.intent !== OOS && !found.some((f) => f.intent === whole.intent)) {
      // The whole-message reading stays first when the clauses disagree with it.
      return [whole, ...found].slice(0, 3);
    }
    return found.slice(0, 3);
  }

  vocabularyFrequencies(): Map<string, number> {
    return this.speller.frequencies();
  }

  toModel(): { classifier: ClassifierModel; logistic: LogisticModel; calibration: Calibration } {
    return { classifier: this.classifier.model, logistic: this.logistic.model, calibration: this.calibration };
  }
}

/** Partial selection: the hot path needs three of 29 intents, not a full sort. */
function topScores(p: Float64Array, labels: IntentName[], limit: number): IntentScore[] {
  if (limit >= p.length) {
    return Array.from(p, (confidence, c) => ({ intent: labels[c]!, confidence })).sort((a, b) => b.confidence - a.confidence);
  }
  const out: IntentScore[] = [];
  for (let c = 0; c < p.length; c++) {
    const confidence = p[c]!;
    if (out.length === limit && confidence <= out[limit - 1]!.confidence) continue;
    let at = out.length;
    while (at > 0 && out[at - 1]!.confidence < confidence) at--;
    out.splice(at, 0, { intent: labels[c]!, confidence });
    if (out.length > limit) out.pop();
  }
  return out;
}

export function temperatureFor(c: Omit<Calibration, 'threshold'>, knownFeatures: number): number {
  return Math.max(0.1, c.temperature + c.temperaturePerFeature * knownFeatures);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

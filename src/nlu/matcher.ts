// The intent matcher: natural's tokenizer/stemmer/Bayes classifier, a calibrated confidence,
// an out-of-scope decision, and detection of two questions in one message.
import type { IntentName, IntentScore } from '../shared/types';
import type { IntentClassifier, ClassifierModel } from './classifier';
import type { SoftmaxRegression, LogisticModel } from './logistic';
import { analyse, featuresOf, type Analysis, type Featurized } from './features';
import type { Normalizer } from './normalize';
import type { SpellingCorrector } from './spelling';
import type { LexiconClass } from './lexicon';
import { entitiesOf, type Entities } from './entities';
import type { ClassMatch } from './classes';
import { clauses as clausesOf, type Clause } from './clauses';
import { FeaturePositions, type Positions } from './feature-ids';
import { ReadingScores, type RangeReading, type Reading } from './reading-scores';
import { WordFactsTable } from './word-facts';

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
  /** Lexicon entities found in the message: exchange, country, error, hosting, support_channel, duration. */
  entities: Entities;
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
  classes: readonly LexiconClass[];
  calibration: Calibration;
}

const OOS: IntentName = 'out_of_scope';
/** Readings of a whole message that a confident question in it always refines. */
const GENERIC = new Set<IntentName>([OOS, 'report_lock']);
/** Sentences that open or close a message without asking anything. */
const SOCIAL = new Set<IntentName>(['greeting', 'thanks_goodbye']);
/** Short answers to the bot's question; inside a longer message they are words of a story, not answers. */
const REPLIES = new Set<IntentName>(['affirm', 'deny', 'unsure']);
/** Intents that ask for something: a question with one of these is what the user wants answered. */
const REQUESTS = /^(?:ask_|request_human$|report_lock$)/;
/** How sure a class-decided intent is: the name settles it, but the bot cannot read the rest. */
const DECIDED_CONFIDENCE = 0.9;
/** Below this confidence a message of mostly unknown words is out of scope. */
const NOISE_CONFIDENCE = 0.6;
/** The engine answers up to four questions in one message. */
const MAX_INTENTS = 4;
/**
 * From this confidence that the whole message is out of scope, no sentence in it brings it back in.
 * 0.8 was chosen on the second development set, where cuts from 0.5 to 0.8 measured alike; the third
 * set, with more traps, showed lower cuts keep more of them out (traps rejected at 0.8 / 0.45: dev 1
 * 0.932 / 0.949, dev 2 0.853 / 0.867, dev 3 0.838 / 0.879, for one in-scope message more rejected in
 * each; accuracy unchanged or up on all three; Chinese dev 0.960 -> 0.952, two messages).
 */
const SURE_OUT_OF_SCOPE = 0.45;
/** A whole message read as out of scope (less surely) still counts as in scope when one sentence is this sure. */
const STRONG_SENTENCE = 0.9;
/** A clause must be this sure to count as a second question: lower cuts let fragments such as
 * "what should I do?" or "pls help" pass as extra intents (measured on the held-out single-intent
 * messages: 14 of 554 got a second intent at 0.5, 8 at 0.75, with the same two-question recall). */
const CLAUSE_MIN_CONFIDENCE = 0.75;
/**
 * A question must be this sure to become the primary intent in place of the whole message's
 * reading (it is still listed in `intents` from CLAUSE_MIN_CONFIDENCE). At 0.75 a side question
 * of a long story took over too often: at 0.9, on two trainings of the corpus, the first
 * development set 0.929 -> 0.935 / 0.929, the second 0.866 -> 0.871 / 0.868 -> 0.874, the third
 * 0.888 -> 0.893 / 0.879 -> 0.883; Chinese dev unchanged; two-question recall unchanged.
 */
const PRIMARY_QUESTION_MIN_CONFIDENCE = 0.9;

export class Matcher {
  readonly classifier: IntentClassifier;
  readonly logistic: SoftmaxRegression;
  readonly calibration: Calibration;
  private readonly normalizer: Normalizer;
  private readonly speller: SpellingCorrector;
  private readonly classes: readonly LexiconClass[];
  private readonly positions: FeaturePositions;
  private readonly readings: ReadingScores;
  /** Each word's vocabulary, phrase and stem look-ups in one (word-facts.ts). */
  private readonly facts: WordFactsTable;
  /** Scratch rows for scoring one reading; classify is synchronous, so one set serves every call. */
  private readonly scratch: { logs: Float64Array<ArrayBuffer>; regression: Float64Array<ArrayBuffer>; p: Float64Array<ArrayBuffer> };

  constructor(parts: MatcherParts) {
    this.classes = parts.classes;
    this.classifier = parts.classifier;
    this.logistic = parts.logistic;
    this.normalizer = parts.normalizer;
    this.speller = parts.speller;
    this.calibration = parts.calibration;
    this.positions = new FeaturePositions(parts.classifier.featureIndex);
    this.facts = new WordFactsTable(
      parts.classes,
      (w) => parts.speller.knows(w),
      (w) => this.positions.positionOf(w),
    );
    this.readings = new ReadingScores(parts.classifier, parts.logistic);
    const labels = parts.classifier.labels.length;
    this.scratch = { logs: new Float64Array(labels), regression: new Float64Array(labels), p: new Float64Array(labels) };
  }

  /** The same models read with another calibration (training tries several on the development sets). */
  withCalibration(calibration: Calibration): Matcher {
    const { classifier, logistic, normalizer, speller, classes } = this;
    return new Matcher({ classifier, logistic, normalizer, speller, classes, calibration });
  }

  /** `classes` switches lexicon classes off, to measure what one of them does. */
  analyse(text: string, classes: readonly LexiconClass[] = this.classes): Analysis {
    return analyse(text, this.normalizer, this.speller, classes, this.facts);
  }

  featurize(text: string, classes: readonly LexiconClass[] = this.classes): Featurized {
    return featuresOf(this.analyse(text, classes));
  }

  get lexiconClasses(): readonly LexiconClass[] {
    return this.classes;
  }

  /** The two models' raw outputs for already-featurized text (calibration reuses them for every setting it tries). */
  scoreParts(f: Featurized): ScoreParts {
    return this.scoreKnown(this.classifier.indicesOf(f.features));
  }

  private scoreKnown(indices: number[]): ScoreParts {
    return { logs: this.classifier.logScores(indices), regression: this.logistic.probabilities(indices), known: indices.length };
  }

  /** Calibrated probabilities: the mean of the temperature-scaled Bayes posterior and the regression's probabilities. */
  combine(
    parts: ScoreParts,
    calibration: Omit<Calibration, 'threshold'> = this.calibration,
    limit = Infinity,
    p = new Float64Array(parts.logs.length),
  ): IntentScore[] {
    return topScores(combineInto(parts, calibration, p), this.classifier.labels as IntentName[], limit);
  }

  /** The best `limit` intents, most likely first. */
  probabilities(f: Featurized, limit = Infinity): IntentScore[] {
    return this.combine(this.scoreParts(f), this.calibration, limit);
  }

  /** The decision for one piece of text: the best intent, or out_of_scope when unsure. */
  decide(f: Featurized): { best: IntentScore; ranking: IntentScore[] } {
    this.readings.reset();
    const indices = this.classifier.indicesOf(f.features);
    return this.decideReading(this.readings.read({ indices, words: f.words.length, known: f.known, knownAsTyped: f.knownAsTyped }));
  }

  /** `limit`: how many intents the ranking lists (a sentence's reading needs only its best). */
  private decideReading(f: Reading, limit = 3): { best: IntentScore; ranking: IntentScore[] } {
    if (f.known === 0) {
      const ranking = [{ intent: OOS, confidence: 1 }];
      return { best: ranking[0]!, ranking };
    }
    const { logs, regression, p } = this.scratch;
    const parts = {
      logs: this.classifier.scoresFromEvidence(f.evidence, f.features, logs),
      regression: this.logistic.probabilitiesFromSums(f.rows, regression),
      known: f.features,
    };
    const ranking = topScores(combineInto(parts, this.calibration, p), this.classifier.labels as IntentName[], limit);
    const top = ranking[0]!;
    // Mostly unknown words that spelling correction turned into known ones ("flim flam" -> "firm
    // flag") are noise, not a request; a real message with typos keeps most of its words.
    const noise = f.knownAsTyped * 2 < f.words && top.confidence < NOISE_CONFIDENCE;
    if (top.intent !== OOS && (noise || top.confidence < this.calibration.threshold)) {
      // Confidence that the message is out of scope is what the top intent lacks.
      return { best: { intent: OOS, confidence: round(1 - top.confidence) }, ranking };
    }
    return { best: { intent: top.intent, confidence: round(top.confidence) }, ranking };
  }

  classify(text: string): MatchResult {
    const a = this.analyse(text);
    // Each stem and class token is looked up once; every reading below picks from these positions.
    const p = this.positions.positions(a);
    const clauses = clausesOf(a.text, a.offsets);
    this.readings.reset();
    const reading =
      clauses.length < 2 ? { ...this.decideReading(this.readings.read(this.positions.of(a, p))), intents: null } : this.readSentences(a, p, clauses);
    const decided = decidedByClass(a.matches, a.words);
    const best = decided ?? reading.best;
    const { ranking } = reading;
    if (decided) reading.intents = [decided];
    return {
      intent: best.intent,
      confidence: best.confidence,
      intents: reading.intents ?? [best],
      ranking: ranking.map((r) => ({ intent: r.intent, confidence: round(r.confidence) })),
      words: a.words,
      entities: entitiesOf(a.matches),
    };
  }

  /**
   * A message of several sentences, read one sentence at a time. Greetings, thanks and signatures
   * are set aside so they cannot drown the request; the rest is classified again as a whole, and
   * every sentence that is confidently an in-scope intent is listed in the order written. The
   * primary intent is the request: the first confident question, else the reading of the content.
   */
  private readSentences(a: Analysis, p: Positions, clauses: Clause[]): { best: IntentScore; ranking: IntentScore[]; intents: IntentScore[] } {
    const sentences = clauses.map((c) => {
      const read = this.readings.read(this.positions.of(a, p, [c]));
      const { intent, confidence } = this.decideReading(read, 1).best;
      return { question: c.question, intent, confidence, read };
    });
    const content = sentences.filter((s) => !SOCIAL.has(s.intent) && !REPLIES.has(s.intent));
    // The content without its social sentences (and words outside any sentence, such as a lone
    // "hello"), from the sentences' own sums; only social sentences: the whole message.
    const whole = (): RangeReading => this.readings.read(this.positions.of(a, p));
    const { best: overall, ranking } = this.decideReading(content.length ? this.readings.join(content.map((s) => s.read)) : whole());
    // Only social sentences ("hi there, thanks": still a greeting or a thank-you), or a message that
    // is, as a whole, surely out of scope: its questions ("will I get it?", "why does it reject?")
    // are about that other problem (second development set: traps rejected 0.747 -> 0.853,
    // accuracy 0.823 -> 0.844 when this came in).
    if (!content.length || (overall.intent === OOS && overall.confidence >= SURE_OUT_OF_SCOPE)) {
      return { best: overall, ranking, intents: [overall] };
    }
    const minimum = Math.max(this.calibration.threshold, CLAUSE_MIN_CONFIDENCE);
    const found: IntentScore[] = [];
    for (const s of content) {
      if (s.intent === OOS || s.confidence < minimum || found.some((f) => f.intent === s.intent)) continue;
      found.push({ intent: s.intent, confidence: s.confidence });
    }
    // The first question asked, when it is sure enough to speak for the whole message (a surer
    // question later on does not jump ahead of it: the answers come in the order asked).
    const first = content.find((s) => s.question && REQUESTS.test(s.intent) && s.confidence >= minimum);
    const request = first && first.confidence >= PRIMARY_QUESTION_MIN_CONFIDENCE ? first : undefined;
    let best = overall;
    // "It says restricted location. What does that mean?" asks for help with the report itself.
    const reported = overall.intent === 'report_lock' || found.some((f) => f.intent === 'report_lock');
    if (request && !(request.intent === 'ask_meaning' && reported) && outweighs(request, overall)) {
      best = { intent: request.intent, confidence: request.confidence };
    } else if (found.length && overall.intent === OOS && found[0]!.confidence >= STRONG_SENTENCE) {
      // A sentence the matcher is sure of beats an unsure reading of the whole.
      best = found[0]!;
    }
    const intents = found.length ? found : [best];
    if (best.intent !== OOS && !intents.some((f) => f.intent === best.intent)) intents.unshift(best);
    return { best, ranking, intents: intents.slice(0, MAX_INTENTS) };
  }

  vocabularyFrequencies(): Map<string, number> {
    return this.speller.frequencies();
  }

  toModel(): { classifier: ClassifierModel; logistic: LogisticModel; calibration: Calibration } {
    return { classifier: this.classifier.model, logistic: this.logistic.model, calibration: this.calibration };
  }
}

/**
 * A confident question is what the user wants answered, unless the whole message reads as a more
 * specific and surer intent: "Binance won't let me log in since I arrived in Brazil… is the face
 * check because of the country change?" is a refused login, not a KYC question (development set:
 * 0.910 -> 0.917, and 0.802 -> 0.809 counting only the first acceptable intent; Chinese unchanged).
 */
function outweighs(question: IntentScore, whole: IntentScore): boolean {
  return GENERIC.has(whole.intent) || question.confidence > whole.confidence;
}

/** A lexicon class that decides the intent by itself ("Netflix says not available in your country"). */
function decidedByClass(matches: readonly ClassMatch[], words: readonly string[]): IntentScore | null {
  // Most messages name no deciding class: no set of names to build.
  if (!matches.some((m) => m.class.decides)) return null;
  const named = new Set(matches.map((m) => m.class.name));
  for (const m of matches) {
    const rule = m.class.decides;
    if (!rule || rule.unless.some((c) => named.has(c))) continue;
    if (rule.unlessPatterns.length) {
      const text = words.join(' ');
      if (rule.unlessPatterns.some((r) => r.test(text))) continue;
    }
    return { intent: rule.intent, confidence: DECIDED_CONFIDENCE };
  }
  return null;
}

/** Writes the calibrated probabilities of `combine` into `p` (no allocation: the hot path reuses one row). */
function combineInto(parts: ScoreParts, calibration: Omit<Calibration, 'threshold'>, p: Float64Array): Float64Array {
  const { logs, regression } = parts;
  const n = logs.length;
  const temperature = temperatureFor(calibration, parts.known);
  let max = -Infinity;
  for (let c = 0; c < n; c++) if (logs[c]! > max) max = logs[c]!;
  let sum = 0;
  for (let c = 0; c < n; c++) sum += p[c] = Math.exp((logs[c]! - max) / temperature);
  for (let c = 0; c < n; c++) p[c] = (p[c]! / sum + regression[c]!) / 2;
  return p;
}

/** Partial selection: the hot path needs three of 29 intents (one for a sentence), not a full sort. */
function topScores(p: Float64Array, labels: IntentName[], limit: number): IntentScore[] {
  if (limit >= p.length) {
    return Array.from(p, (confidence, c) => ({ intent: labels[c]!, confidence })).sort((a, b) => b.confidence - a.confidence);
  }
  // Positions first, objects only for the winners; ties keep the lower label position first.
  const top: number[] = [];
  for (let c = 0; c < p.length; c++) {
    const confidence = p[c]!;
    if (top.length === limit && confidence <= p[top[limit - 1]!]!) continue;
    // Insertion by shifting the lower ones down (limit is small); a full list drops its last.
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && p[top[at - 1]!]! < confidence) {
      top[at] = top[at - 1]!;
      at--;
    }
    top[at] = c;
  }
  return top.map((c) => ({ intent: labels[c]!, confidence: p[c]! }));
}

export function temperatureFor(c: Omit<Calibration, 'threshold'>, knownFeatures: number): number {
  return Math.max(0.1, c.temperature + c.temperaturePerFeature * knownFeatures);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

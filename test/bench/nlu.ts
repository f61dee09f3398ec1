// NLU side by side: our matcher and NLP.js trained on the same intents/nlu corpus and scored on
// the same held-out fixtures in the same process; accuracy and per-message latency of each.
import { loadCorpus } from '../../src/nlu/corpus';
import { loadHeldout, report, type Prediction, type Report } from '../../src/nlu/evaluate';
import { loadMatcher, trainFromCorpus } from '../../src/nlu/load';
import { detectLanguage } from '../../src/language/detect';
import type { LabelledText } from '../../src/nlu/train';
import { loadRealStyle, REAL_STYLE_ZH_FILE, scoreRealStyle } from '../../src/nlu/real-style';
import { forgetSpellingCache } from './first-seen';
import { NlpjsClassifier, type OutOfScopeMode } from '../../src/nlu/nlpjs-baseline';
import { round, summarize, type LatencySummary } from './stats';
import { timeAsync, timeSync, type LoopBudget } from './timing-loop';

export interface SystemScore extends LatencySummary {
  accuracy: number;
  out_of_scope_rejection: number;
  in_scope_false_rejection: number;
  train_ms: number;
}

export interface NluResult {
  heldout_examples: number;
  corpus_utterances: number;
  intents: number;
  ours: SystemScore;
  nlpjs: SystemScore & { out_of_scope_mode: OutOfScopeMode; threshold: number; process_p50_us: number; process_p99_us: number };
  /** Both NLP.js out-of-scope options, so the choice of the better one can be checked. */
  nlpjs_variants: Record<OutOfScopeMode, { accuracy: number; out_of_scope_rejection: number; in_scope_false_rejection: number }>;
  /** NLP.js median / ours. */
  speed_ratio: number;
  /** The same two systems on fixtures/nlu/real-style.jsonl (messages in the words of real posts). */
  real_style: {
    examples: number;
    ours_accuracy: number;
    nlpjs_accuracy: number;
    ours_trap_rejection: number;
    nlpjs_trap_rejection: number;
    ours_p50_us: number;
    nlpjs_p50_us: number;
    /** NLP.js median / ours, on real-style messages (long ones are read sentence by sentence). */
    speed_ratio: number;
  };
  /** Our matcher per language on its real-style set, and the language detector on both sets. */
  languages: {
    en_examples: number;
    zh_examples: number;
    zh_accuracy: number;
    en_classify_p50_us: number;
    zh_classify_p50_us: number;
    zh_classify_p99_us: number;
    /** Share of each set that src/language/detect.ts reads as its language. */
    detector_en: number;
    detector_zh: number;
  };
}

const WARMUP_ROUNDS = 3;
const MAX_SAMPLES = 30_000;
const LATENCY_MS = 12_000;
const REAL_STYLE_LATENCY_MS = 6_000;
const PROCESS_BUDGET: LoopBudget = { warmupRounds: 1, maxSamples: 5_000, maxMs: 4_000 };

function scoreOf(predictions: Prediction[]): Pick<SystemScore, 'accuracy' | 'out_of_scope_rejection' | 'in_scope_false_rejection'> {
  const r: Report = report(predictions);
  return { accuracy: r.accuracy, out_of_scope_rejection: r.outOfScopeRejection, in_scope_false_rejection: r.inScopeFalseRejection };
}

async function nlpjsPredictions(nlp: NlpjsClassifier, heldout: LabelledText[]): Promise<Prediction[]> {
  const out: Prediction[] = [];
  for (const e of heldout) out.push({ text: e.text, truth: e.intent, predicted: await nlp.classify(e.text), confidence: 0 });
  return out;
}

export async function benchNlu(log: (line: string) => void): Promise<NluResult> {
  const corpus = loadCorpus();
  const heldout = loadHeldout();
  const texts = heldout.map((e) => e.text);

  const oursStarted = performance.now();
  const matcher = trainFromCorpus();
  const oursTrainMs = performance.now() - oursStarted;
  const oursScore = scoreOf(
    heldout.map((e) => {
      const m = matcher.classify(e.text);
      return { text: e.text, truth: e.intent, predicted: m.intent, confidence: m.confidence };
    }),
  );
  log(`  ours: trained in ${Math.round(oursTrainMs)} ms, accuracy ${oursScore.accuracy}`);

  // Both ways of giving NLP.js an out-of-scope answer are scored; the better one is reported.
  const variants = {} as NluResult['nlpjs_variants'];
  const trained = new Map<OutOfScopeMode, NlpjsClassifier>();
  for (const mode of ['trained_and_none', 'none_only'] as const) {
    const nlp = await NlpjsClassifier.train(corpus, mode);
    trained.set(mode, nlp);
    variants[mode] = scoreOf(await nlpjsPredictions(nlp, heldout));
    log(`  NLP.js (${mode}): trained in ${Math.round(nlp.trainMs)} ms, accuracy ${variants[mode].accuracy}`);
  }
  const bestMode: OutOfScopeMode = variants.none_only.accuracy > variants.trained_and_none.accuracy ? 'none_only' : 'trained_and_none';
  const nlp = trained.get(bestMode)!;

  // Rounds alternate between the two systems so that other load on the machine hits both alike.
  // Every timed call sees its message as new: both systems' memories of earlier inputs are emptied.
  // maxSamples 1 and maxMs 0 make each timeSync/timeAsync call below exactly one round.
  const oursRound: LoopBudget = { warmupRounds: 0, maxSamples: 1, maxMs: 0, beforeEach: () => forgetSpellingCache(matcher) };
  const nlpjsRound: LoopBudget = { warmupRounds: 0, maxSamples: 1, maxMs: 0, beforeEach: () => nlp.forgetSeenMessages() };
  const alternate = async (inputs: string[], ms: number) => {
    timeSync(inputs, (t) => matcher.classify(t), { ...oursRound, warmupRounds: WARMUP_ROUNDS });
    await timeAsync(inputs, (t) => nlp.classify(t), { ...nlpjsRound, warmupRounds: WARMUP_ROUNDS });
    const ours: number[] = [];
    const theirs: number[] = [];
    const deadline = performance.now() + ms;
    do {
      ours.push(...timeSync(inputs, (t) => matcher.classify(t), oursRound));
      theirs.push(...(await timeAsync(inputs, (t) => nlp.classify(t), nlpjsRound)));
    } while (ours.length < MAX_SAMPLES && performance.now() < deadline);
    return { ours: summarize(ours), nlpjs: summarize(theirs) };
  };
  const { ours: oursLatency, nlpjs: nlpjsLatency } = await alternate(texts, LATENCY_MS);
  log(`  ours: p50 ${oursLatency.p50_us} µs, p99 ${oursLatency.p99_us} µs over ${oursLatency.samples} calls`);
  log(`  NLP.js classify: p50 ${nlpjsLatency.p50_us} µs, p99 ${nlpjsLatency.p99_us} µs over ${nlpjsLatency.samples} calls`);
  const nlpjsProcess = summarize(await timeAsync(texts, (t) => nlp.process(t), { ...PROCESS_BUDGET, beforeEach: () => nlp.forgetSeenMessages() }));
  log(`  NLP.js process: p50 ${nlpjsProcess.p50_us} µs, p99 ${nlpjsProcess.p99_us} µs over ${nlpjsProcess.samples} calls`);

  const realStyle = loadRealStyle();
  const realTexts = realStyle.map((e) => e.text);
  const oursReal = scoreRealStyle(
    realStyle,
    realTexts.map((t) => matcher.classify(t).intent),
  );
  const nlpjsIntents: string[] = [];
  for (const t of realTexts) nlpjsIntents.push(await nlp.classify(t));
  const nlpjsReal = scoreRealStyle(realStyle, nlpjsIntents);
  const realLatency = await alternate(realTexts, REAL_STYLE_LATENCY_MS);
  log(
    `  real-style: ours accuracy ${oursReal.accuracy}, p50 ${realLatency.ours.p50_us} µs; NLP.js accuracy ${nlpjsReal.accuracy}, p50 ${realLatency.nlpjs.p50_us} µs`,
  );

  // Chinese beside English: the saved Chinese model (what the bot runs), timed the same way on the
  // Chinese real-style set; the detector scored on both sets.
  const zhSet = loadRealStyle(REAL_STYLE_ZH_FILE, 'zh');
  const zhTexts = zhSet.map((e) => e.text);
  const zh = loadMatcher('zh');
  const zhReal = scoreRealStyle(
    zhSet,
    zhTexts.map((t) => zh.classify(t).intent),
  );
  const zhRound: LoopBudget = { warmupRounds: WARMUP_ROUNDS, maxSamples: MAX_SAMPLES, maxMs: REAL_STYLE_LATENCY_MS, beforeEach: () => forgetSpellingCache(zh) };
  const zhLatency = summarize(timeSync(zhTexts, (t) => zh.classify(t), zhRound));
  const detected = (texts: string[], code: string) => round(texts.filter((t) => detectLanguage(t).language === code).length / texts.length, 3);
  const languages = {
    en_examples: realTexts.length,
    zh_examples: zhTexts.length,
    zh_accuracy: zhReal.accuracy,
    en_classify_p50_us: realLatency.ours.p50_us,
    zh_classify_p50_us: zhLatency.p50_us,
    zh_classify_p99_us: zhLatency.p99_us,
    detector_en: detected(realTexts, 'en'),
    detector_zh: detected(zhTexts, 'zh'),
  };
  log(
    `  Chinese: accuracy ${zhReal.accuracy}, classify p50 ${zhLatency.p50_us} µs (English ${realLatency.ours.p50_us} µs); detector ${languages.detector_en} en, ${languages.detector_zh} zh`,
  );

  return {
    languages,
    real_style: {
      examples: realStyle.length,
      ours_accuracy: oursReal.accuracy,
      nlpjs_accuracy: nlpjsReal.accuracy,
      ours_trap_rejection: oursReal.traps.rejected,
      nlpjs_trap_rejection: nlpjsReal.traps.rejected,
      ours_p50_us: realLatency.ours.p50_us,
      nlpjs_p50_us: realLatency.nlpjs.p50_us,
      speed_ratio: round(realLatency.nlpjs.p50_us / realLatency.ours.p50_us, 2),
    },
    heldout_examples: heldout.length,
    corpus_utterances: corpus.reduce((n, i) => n + i.utterances.length, 0),
    intents: corpus.length,
    ours: { ...oursScore, ...oursLatency, train_ms: Math.round(oursTrainMs) },
    nlpjs: {
      ...variants[bestMode],
      ...nlpjsLatency,
      train_ms: Math.round(nlp.trainMs),
      out_of_scope_mode: bestMode,
      threshold: nlp.threshold,
      process_p50_us: nlpjsProcess.p50_us,
      process_p99_us: nlpjsProcess.p99_us,
    },
    nlpjs_variants: variants,
    speed_ratio: round(nlpjsLatency.p50_us / oursLatency.p50_us, 2),
  };
}

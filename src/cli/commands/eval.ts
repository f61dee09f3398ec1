// `region-lock-bot eval`: cross-validation on intents/ plus the held-out fixtures (like `rasa test nlu`).
import type { Command } from '../main';
import { parseFlags } from '../jsonl';
import { UsageError } from '../main';
import { loadCorpus } from '../../nlu/corpus';
import { loadLexicon } from '../../nlu/lexicon';
import { corpusExamples, trainRaw } from '../../nlu/train';
import { loadMatcher } from '../../nlu/load';
import type { Matcher } from '../../nlu/matcher';
import { crossValidate, loadHeldout, loadMulti, multiIntentRecall, predict, report, type Report } from '../../nlu/evaluate';
import {
  loadRealStyle,
  REAL_STYLE_DEV_FILE,
  REAL_STYLE_DEV2_FILE,
  REAL_STYLE_DEV3_FILE,
  REAL_STYLE_DEV4_FILE,
  REAL_STYLE_ZH_DEV_FILE,
  REAL_STYLE_ZH_FILE,
  scoreRealStyle,
  TRAITS,
  type RealStyleExample,
  type RealStyleReport,
} from '../../nlu/real-style';
import { loadBaseline } from '../../nlu/nlpjs-baseline';
import type { IntentData } from '../../nlu/corpus';
import { languageDir } from '../../language/languages';
import { detectLanguage } from '../../language/detect';

function table(title: string, r: Report): string {
  const lines = [
    `## ${title}`,
    `examples ${r.examples}   accuracy ${r.accuracy.toFixed(3)}   out-of-scope rejection ${r.outOfScopeRejection.toFixed(3)}   in-scope wrongly rejected ${r.inScopeFalseRejection.toFixed(3)}`,
    '',
    `${'intent'.padEnd(24)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'f1'.padStart(6)} ${'n'.padStart(4)}`,
  ];
  for (const [intent, m] of Object.entries(r.perIntent)) {
    lines.push(
      `${intent.padEnd(24)} ${m.precision.toFixed(3).padStart(6)} ${m.recall.toFixed(3).padStart(6)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(4)}`,
    );
  }
  if (r.confusedPairs.length) {
    lines.push('', 'most confused (truth -> predicted):');
    for (const p of r.confusedPairs) lines.push(`  ${String(p.count).padStart(3)}  ${p.truth} -> ${p.predicted}`);
  }
  return lines.join('\n');
}

function realStyleTable(title: string, r: RealStyleReport): string {
  const lines = [
    `## ${title}`,
    `examples ${r.examples}   accuracy ${r.accuracy.toFixed(3)}   out-of-scope traps rejected ${r.traps.rejected.toFixed(3)} (${r.traps.examples} traps, false accepts ${r.traps.falseAccepts.toFixed(3)})   in-scope wrongly rejected ${r.inScopeRejected.toFixed(3)}`,
    '',
    `${'trait'.padEnd(24)} ${'n'.padStart(4)} ${'accuracy'.padStart(8)}`,
  ];
  for (const trait of TRAITS)
    lines.push(`${trait.padEnd(24)} ${String(r.byTrait[trait].examples).padStart(4)} ${r.byTrait[trait].accuracy.toFixed(3).padStart(8)}`);
  if (r.confusedPairs.length) {
    lines.push('', 'most confused (first acceptable intent -> predicted):');
    for (const p of r.confusedPairs) lines.push(`  ${String(p.count).padStart(3)}  ${p.truth} -> ${p.predicted}`);
  }
  return lines.join('\n');
}

/** NLP.js trained on the same corpus, scored on the same real-style lines; null when it is not installed. */
async function baselineOnRealStyle(corpus: IntentData[], examples: RealStyleExample[]): Promise<RealStyleReport | null> {
  const Baseline = loadBaseline();
  if (!Baseline) return null;
  const nlp = await Baseline.train(corpus, 'trained_and_none');
  const predicted: string[] = [];
  for (const e of examples) predicted.push(await nlp.classify(e.text));
  return scoreRealStyle(examples, predicted);
}

/** Share of each real-style held-out set the detector reads as its language. */
export function detectorAccuracy(en: { text: string }[], zh: { text: string }[]): { en: number; zh: number } {
  const share = (list: { text: string }[], code: string) =>
    Math.round((list.filter((e) => detectLanguage(e.text).language === code).length / list.length) * 1000) / 1000;
  return { en: share(en, 'en'), zh: share(zh, 'zh') };
}

/** A real-style set scored on the intents one matcher reads. */
function scoredBy(matcher: Matcher, examples: RealStyleExample[]): RealStyleReport {
  return scoreRealStyle(
    examples,
    examples.map((e) => matcher.classify(e.text).intent),
  );
}

export const command: Command = {
  summary: 'Evaluate the intent matcher: k-fold cross-validation and the held-out fixtures',
  usage: 'region-lock-bot eval [--folds N] [--json] [--no-baseline]',
  async run(args) {
    const { flags } = parseFlags(args, { json: 'boolean', folds: 'string', 'no-baseline': 'boolean' });
    const folds = flags.folds === undefined ? 5 : Number(flags.folds);
    if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError('--folds must be a whole number from 2 to 20');
    const corpus = loadCorpus();
    const examples = corpusExamples(corpus);
    const lexicon = loadLexicon();
    const matcher = loadMatcher();
    const cv = report(crossValidate(examples, (train) => trainRaw(train, lexicon, matcher.calibration), folds));
    const heldout = report(predict(matcher, loadHeldout()));
    const multi = multiIntentRecall(matcher, loadMulti());
    const realStyleExamples = loadRealStyle();
    const realStyle = scoredBy(matcher, realStyleExamples);
    const devExamples = loadRealStyle(REAL_STYLE_DEV_FILE);
    const realStyleDev = scoredBy(matcher, devExamples);
    const dev2Examples = loadRealStyle(REAL_STYLE_DEV2_FILE);
    const realStyleDev2 = scoredBy(matcher, dev2Examples);
    const realStyleDev3 = scoredBy(matcher, loadRealStyle(REAL_STYLE_DEV3_FILE));
    const realStyleDev4 = scoredBy(matcher, loadRealStyle(REAL_STYLE_DEV4_FILE));
    const baseline = flags['no-baseline'] ? null : await baselineOnRealStyle(corpus, realStyleExamples);
    // Chinese: cross-validation on intents/nlu/zh/ and the Chinese real-style held-out set.
    const zhCorpus = corpusExamples(loadCorpus(languageDir('nlu', 'zh')));
    const zhLexicon = loadLexicon(undefined, 'zh');
    const zhMatcher = loadMatcher('zh');
    const zhCv = report(crossValidate(zhCorpus, (train) => trainRaw(train, zhLexicon, zhMatcher.calibration), folds));
    const zhDevExamples = loadRealStyle(REAL_STYLE_ZH_DEV_FILE, 'zh');
    const zhRealStyleDev = scoredBy(zhMatcher, zhDevExamples);
    const zhExamples = loadRealStyle(REAL_STYLE_ZH_FILE, 'zh');
    const zhRealStyle = scoredBy(zhMatcher, zhExamples);
    const detector = detectorAccuracy(realStyleExamples, zhExamples);
    const byLanguage = {
      en: { realStyle: realStyle.accuracy, crossValidation: cv.accuracy },
      zh: { realStyle: zhRealStyle.accuracy, crossValidation: zhCv.accuracy },
    };
    const result = {
      folds,
      calibration: matcher.calibration,
      crossValidation: cv,
      heldout,
      realStyleDev,
      realStyleDev2,
      realStyleDev3,
      realStyleDev4,
      realStyle,
      nlpjsRealStyle: baseline,
      multiIntentRecall: multi,
      zh: { calibration: zhMatcher.calibration, crossValidation: zhCv, realStyleDev: zhRealStyleDev, realStyle: zhRealStyle },
      detector,
      byLanguage,
    };
    if (flags.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(table(`cross-validation (${folds} folds, ${examples.length} training utterances)`, cv));
      console.log('');
      console.log(table('held-out fixtures (fixtures/nlu/heldout.jsonl)', heldout));
      console.log('');
      console.log(realStyleTable('real-style development set, for tuning (fixtures/nlu/real-style-dev.jsonl)', realStyleDev));
      console.log(realStyleTable('real-style development set 2, from posts no training writer studied (fixtures/nlu/real-style-dev2.jsonl)', realStyleDev2));
      console.log(
        realStyleTable(
          'real-style development set 3, other exchanges, VPN or server stories, long messages (fixtures/nlu/real-style-dev3.jsonl)',
          realStyleDev3,
        ),
      );
      console.log(realStyleTable('real-style development set 4, country exits and national blocks (fixtures/nlu/real-style-dev4.jsonl)', realStyleDev4));
      console.log('');
      console.log(realStyleTable('real-style held-out (fixtures/nlu/real-style.jsonl)', realStyle));
      console.log('');
      if (baseline) console.log(realStyleTable('NLP.js on the same corpus, real-style held-out', baseline), '\n');
      else if (!flags['no-baseline']) console.log('NLP.js baseline skipped: @nlpjs/basic (a dev dependency) is not installed\n');
      console.log(table(`Chinese cross-validation (${folds} folds, ${zhCorpus.length} training utterances in intents/nlu/zh/)`, zhCv));
      console.log('');
      console.log(realStyleTable('Chinese real-style development set, for tuning (fixtures/nlu/zh/real-style-dev.jsonl)', zhRealStyleDev));
      console.log('');
      console.log(realStyleTable('Chinese real-style held-out (fixtures/nlu/zh/real-style.jsonl)', zhRealStyle));
      console.log('');
      console.log('## real-style held-out accuracy per language');
      for (const [code, r] of Object.entries(byLanguage))
        console.log(`${code.padEnd(4)} ${r.realStyle.toFixed(3)}   (cross-validation ${r.crossValidation.toFixed(3)})`);
      console.log(`language detector: English held-out ${detector.en.toFixed(3)}, Chinese held-out ${detector.zh.toFixed(3)}`);
      console.log('');
      console.log(`two questions in one message: both intents found in ${(multi * 100).toFixed(1)}% (fixtures/nlu/multi.jsonl)`);
      console.log(
        `calibration: temperature ${matcher.calibration.temperature} + ${matcher.calibration.temperaturePerFeature} per known feature, out-of-scope threshold ${matcher.calibration.threshold}`,
      );
    }
    return 0;
  },
};

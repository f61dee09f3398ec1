// Builds a Matcher from the corpus: vocabulary, spelling index, classifier and calibration.
import type { IntentName, LabelledText } from '../shared/types';
import { IntentClassifier, type TrainingDoc } from './classifier';
import { SoftmaxRegression } from './logistic';
import { loadLexicon, type Lexicon } from './lexicon';
import { Matcher, type Calibration } from './matcher';
import type { Normalizer } from './normalize';
import { normalizerFor } from './language-normalizer';
import { SpellingCorrector } from './spelling';
import { featurize } from './features';
import { chooseOnDevelopment, fitCalibration, type DevelopmentExample } from './calibrate';
import type { MultiExample } from './evaluate';

export type { LabelledText } from '../shared/types';

export function corpusExamples(corpus: { intent: IntentName; utterances: string[] }[]): LabelledText[] {
  return corpus.flatMap((c) => c.utterances.map((text) => ({ text, intent: c.intent })));
}

function vocabulary(examples: LabelledText[], normalizer: Normalizer): Map<string, number> {
  const freq = new Map<string, number>();
  for (const e of examples) for (const w of normalizer.tokens(e.text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  return freq;
}

const UNCALIBRATED: Calibration = { temperature: 1, temperaturePerFeature: 0, threshold: 0 };

/** Trains without calibration (used inside cross-validation folds). */
export function trainRaw(examples: LabelledText[], lexicon: Lexicon, calibration: Calibration): Matcher {
  const normalizer = normalizerFor(lexicon);
  const speller = new SpellingCorrector(vocabulary(examples, normalizer));
  const docs: TrainingDoc[] = examples.map((e) => ({
    features: featurize(e.text, normalizer, speller, lexicon.classes).features,
    label: e.intent,
  }));
  const classifier = IntentClassifier.train(docs);
  const indexed = docs.map((d) => ({ features: classifier.indicesOf(d.features), label: classifier.labels.indexOf(d.label) }));
  const logistic = SoftmaxRegression.train(indexed, classifier.labels, classifier.vocabularySize);
  return new Matcher({ classifier, logistic, normalizer, speller, classes: lexicon.classes, calibration });
}

/**
 * Trains on all examples and fits temperature and out-of-scope threshold by cross-validation; with
 * development sets (and two-question messages), the temperature is then chosen on them (the
 * threshold stays the folds').
 */
export function trainMatcher(
  examples: LabelledText[],
  lexicon: Lexicon = loadLexicon(),
  folds = 4,
  development: readonly DevelopmentExample[] = [],
  multiQuestion: readonly MultiExample[] = [],
): Matcher {
  const fit = fitCalibration(examples, (train) => trainRaw(train, lexicon, UNCALIBRATED), folds);
  const matcher = trainRaw(examples, lexicon, fit.calibration);
  if (!development.length) return matcher;
  return matcher.withCalibration(chooseOnDevelopment(matcher, development, fit, multiQuestion));
}

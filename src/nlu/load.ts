// Returns a ready matcher: a saved model when it matches the current intents/ files,
// otherwise one trained now (and saved for the next start).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, INTENTS_DIR } from '../paths';
import { IntentClassifier, type ClassifierModel } from './classifier';
import { SoftmaxRegression, type LogisticModel } from './logistic';
import { corpusFiles, loadCorpus } from './corpus';
import { lexiconClassFiles, loadLexicon } from './lexicon';
import { Matcher, type Calibration } from './matcher';
import { createNormalizer } from './normalize';
import { SpellingCorrector } from './spelling';
import { corpusExamples, trainMatcher } from './train';

const MODEL_VERSION = 7;
export const MODEL_DIR = join(PACKAGE_ROOT, '.cache');

interface SavedModel {
  version: number;
  corpusHash: string;
  classifier: ClassifierModel;
  logistic: LogisticModel;
  calibration: Calibration;
  vocabulary: [string, number][];
}

/** Hash of everything training reads; any edit in intents/ makes a new model. */
export function corpusHash(): string {
  const h = createHash('sha256');
  h.update(`v${MODEL_VERSION}`);
  const lexicon = ['normalize.yaml', 'slots.yaml'].map((f) => join(INTENTS_DIR, 'lexicon', f));
  for (const f of [...corpusFiles(), ...lexicon, ...lexiconClassFiles()]) h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

export function modelPath(hash = corpusHash()): string {
  return join(MODEL_DIR, `model-${hash}.json`);
}

export function trainFromCorpus(): Matcher {
  return trainMatcher(corpusExamples(loadCorpus()));
}

export function saveMatcher(matcher: Matcher, file = modelPath()): void {
  const hash = corpusHash();
  const saved: SavedModel = {
    version: MODEL_VERSION,
    corpusHash: hash,
    ...matcher.toModel(),
    vocabulary: [...matcher.vocabularyFrequencies()],
  };
  mkdirSync(MODEL_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(saved));
  renameSync(tmp, file);
  // Models of earlier corpora are never read again.
  for (const old of readdirSync(MODEL_DIR)) {
    if (/^model-[0-9a-f]+\.json$/.test(old) && join(MODEL_DIR, old) !== file) rmSync(join(MODEL_DIR, old), { force: true });
  }
}

function restore(saved: SavedModel): Matcher {
  const lexicon = loadLexicon();
  return new Matcher({
    classifier: IntentClassifier.fromModel(saved.classifier),
    logistic: SoftmaxRegression.fromModel(saved.logistic),
    normalizer: createNormalizer(lexicon.rewrites),
    classes: lexicon.classes,
    speller: new SpellingCorrector(new Map(saved.vocabulary)),
    calibration: saved.calibration,
  });
}

let cached: Matcher | undefined;

/** The process-wide matcher (loading is done once). */
export function loadMatcher(): Matcher {
  if (cached) return cached;
  const hash = corpusHash();
  try {
    const saved = JSON.parse(readFileSync(modelPath(hash), 'utf8')) as SavedModel;
    if (saved.version === MODEL_VERSION && saved.corpusHash === hash) return (cached = restore(saved));
  } catch {
    // No saved model yet, or an unreadable one: train below.
  }
  cached = trainFromCorpus();
  try {
    saveMatcher(cached, modelPath(hash));
  } catch {
    // A read-only install still works; it just trains at every start.
  }
  return cached;
}

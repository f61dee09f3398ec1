// Returns a ready matcher: a saved model when it matches the current intents/ files,
// otherwise one trained now (and saved for the next start).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, INTENTS_DIR } from '../paths';
import { IntentClassifier, type ClassifierModel } from './classifier';
import { SoftmaxRegression, type LogisticModel } from './logistic';
import { corpusFiles, loadCorpus } from './corpus';
import { lexiconClassFiles, loadLexicon } from './lexicon';
import { Matcher, type Calibration } from './matcher';
import { normalizerFor } from './language-normalizer';
import { DEFAULT_LANGUAGE, languageDir } from '../language/languages';
import { SpellingCorrector } from './spelling';
import { corpusExamples, trainMatcher } from './train';
import { developmentFiles, loadRealStyle } from './real-style';
import { loadMulti, MULTI_FILE } from './evaluate';

const MODEL_VERSION = 14;
export const MODEL_DIR = join(PACKAGE_ROOT, '.cache');

interface SavedModel {
  version: number;
  corpusHash: string;
  classifier: ClassifierModel;
  logistic: LogisticModel;
  calibration: Calibration;
  vocabulary: [string, number][];
}

/** Every file under a folder, recursively (a language's lexicon additions). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Hash of everything training reads for a language; any edit in intents/ makes a new model. */
export function corpusHash(language = DEFAULT_LANGUAGE, intentsDir = INTENTS_DIR): string {
  const h = createHash('sha256');
  h.update(`v${MODEL_VERSION}`);
  const lexicon = ['normalize.yaml', 'slots.yaml'].map((f) => join(intentsDir, 'lexicon', f));
  // A language's slots.yaml holds fact patterns for the dialogue domain, which the matcher never reads.
  const lexiconFiles = filesUnder(languageDir('lexicon', language, intentsDir)).filter(
    (f) => f !== join(languageDir('lexicon', language, intentsDir), 'slots.yaml'),
  );
  const own = language === DEFAULT_LANGUAGE ? [] : [join(intentsDir, 'languages.yaml'), ...lexiconFiles];
  for (const f of [
    ...corpusFiles(languageDir('nlu', language, intentsDir)),
    ...lexicon,
    ...lexiconClassFiles(join(intentsDir, 'lexicon', 'classes')),
    ...own,
    ...calibrationFiles(language, intentsDir),
    ...multiQuestionFiles(language, intentsDir),
  ])
    h.update(f).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** English models are model-<hash>.json (as before languages); others model-<code>-<hash>.json. */
export function modelPath(hash = corpusHash(), language = DEFAULT_LANGUAGE): string {
  return join(MODEL_DIR, language === DEFAULT_LANGUAGE ? `model-${hash}.json` : `model-${language}-${hash}.json`);
}

/**
 * The development sets the shipped corpus is calibrated on (src/nlu/calibrate.ts); another intents
 * folder (a test's) has none, and an install without fixtures/ calibrates on the folds alone.
 */
function calibrationFiles(language: string, intentsDir: string): string[] {
  return intentsDir === INTENTS_DIR ? developmentFiles(language).filter((f) => existsSync(f)) : [];
}

/** The two-question messages (English) count in that choice too. */
function multiQuestionFiles(language: string, intentsDir: string): string[] {
  return intentsDir === INTENTS_DIR && language === DEFAULT_LANGUAGE && existsSync(MULTI_FILE) ? [MULTI_FILE] : [];
}

export function trainFromCorpus(language = DEFAULT_LANGUAGE, intentsDir = INTENTS_DIR): Matcher {
  const development = calibrationFiles(language, intentsDir).flatMap((f) => loadRealStyle(f, language));
  const multiQuestion = multiQuestionFiles(language, intentsDir).flatMap((f) => loadMulti(f));
  return trainMatcher(
    corpusExamples(loadCorpus(languageDir('nlu', language, intentsDir))),
    loadLexicon(join(intentsDir, 'lexicon'), language),
    4,
    development,
    multiQuestion,
  );
}

export function saveMatcher(matcher: Matcher, file = modelPath(), language = DEFAULT_LANGUAGE, intentsDir = INTENTS_DIR): void {
  const hash = corpusHash(language, intentsDir);
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
    const same = language === DEFAULT_LANGUAGE ? /^model-[0-9a-f]+\.json$/ : new RegExp(`^model-${language}-[0-9a-f]+\\.json$`);
    if (intentsDir === INTENTS_DIR && same.test(old) && join(MODEL_DIR, old) !== file) rmSync(join(MODEL_DIR, old), { force: true });
  }
}

function restore(saved: SavedModel, language: string, intentsDir: string): Matcher {
  const lexicon = loadLexicon(join(intentsDir, 'lexicon'), language);
  return new Matcher({
    classifier: IntentClassifier.fromModel(saved.classifier),
    logistic: SoftmaxRegression.fromModel(saved.logistic),
    normalizer: normalizerFor(lexicon),
    classes: lexicon.classes,
    speller: new SpellingCorrector(new Map(saved.vocabulary)),
    calibration: saved.calibration,
  });
}

const cached = new Map<string, Matcher>();

/**
 * The process-wide matcher of a language (loading is done once). Every language is saved like the
 * English one; a language from another intents folder (a test's) is keyed by its folder too.
 */
export function loadMatcher(language = DEFAULT_LANGUAGE, intentsDir = INTENTS_DIR): Matcher {
  const key = `${intentsDir}\0${language}`;
  const hit = cached.get(key);
  if (hit) return hit;
  const hash = corpusHash(language, intentsDir);
  const file = intentsDir === INTENTS_DIR ? modelPath(hash, language) : join(MODEL_DIR, `model-${language}-${hash}.json`);
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedModel;
    if (saved.version === MODEL_VERSION && saved.corpusHash === hash) {
      const m = restore(saved, language, intentsDir);
      cached.set(key, m);
      return m;
    }
  } catch {
    // No saved model yet, or an unreadable one: train below.
  }
  const m = trainFromCorpus(language, intentsDir);
  cached.set(key, m);
  if (intentsDir !== INTENTS_DIR) return m;
  try {
    saveMatcher(m, file, language, intentsDir);
  } catch {
    // A read-only install still works; it just trains at every start.
  }
  return m;
}

// Started as its own process by startup.ts: loads settings, the matcher and the knowledge, builds the
// engine, then prints "ready". Mode "warm" loads the saved model from .cache/; "cold" does what
// loadMatcher does when there is none (hash the corpus, train, write the model) without touching
// .cache/: saveMatcher would also delete the shared saved model, which other processes are using.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createEngine } from '../../src/engine/index';
import { loadKnowledge } from '../../src/knowledge/load';
import { corpusHash, loadMatcher, trainFromCorpus } from '../../src/nlu/load';
import type { Matcher } from '../../src/nlu/matcher';

const mode = process.argv[2] === 'cold' ? 'cold' : 'warm';
const config = loadConfig({});
let scratch: string | undefined;
let matcher: Matcher;
if (mode === 'cold') {
  const hash = corpusHash();
  matcher = trainFromCorpus();
  scratch = mkdtempSync(join(tmpdir(), 'rlb-bench-model-'));
  // The same content saveMatcher writes, so the cost of writing the model is counted.
  const model = { corpusHash: hash, ...matcher.toModel(), vocabulary: [...matcher.vocabularyFrequencies()] };
  writeFileSync(join(scratch, 'model.json'), JSON.stringify(model));
} else {
  matcher = loadMatcher();
}
const engine = createEngine(config, { matcher, knowledge: loadKnowledge(config.exchange) });
// One answer proves the engine works; it is part of being ready.
engine.answer('hello');
// performance.now() counts from this process's start.
process.stdout.write(`ready ${performance.now().toFixed(1)}\n`);
if (scratch) rmSync(scratch, { recursive: true, force: true });

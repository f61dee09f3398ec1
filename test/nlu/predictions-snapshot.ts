// A saved record of what the English matcher answers for every line of the corpus and of the NLU
// fixtures, so a change meant to make classification faster can be shown to change no answer.
// The record belongs to one state of intents/ (its corpus hash): after a deliberate data or model
// change, look at what moved and write it again with
//   npx tsx test/nlu/predictions-snapshot.ts
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FIXTURES_DIR, INTENTS_DIR } from '../../src/paths';
import { loadCorpus } from '../../src/nlu/corpus';
import { loadHeldout, loadMulti } from '../../src/nlu/evaluate';
import { loadMatcher } from '../../src/nlu/load';
import type { Matcher } from '../../src/nlu/matcher';
import { loadRealStyle, REAL_STYLE_DEV_FILE } from '../../src/nlu/real-style';
import { corpusExamples } from '../../src/nlu/train';

export const SNAPSHOT_FILE = join(FIXTURES_DIR, 'nlu', 'predictions-snapshot.jsonl');

/** Every text the record covers, with where it comes from (duplicates are kept once). */
export function snapshotInputs(): { source: string; text: string }[] {
  const sources: [string, string[]][] = [
    ['corpus', corpusExamples(loadCorpus()).map((e) => e.text)],
    ['heldout', loadHeldout().map((e) => e.text)],
    ['real-style-dev', loadRealStyle(REAL_STYLE_DEV_FILE).map((e) => e.text)],
    ['multi', loadMulti().map((e) => e.text)],
    // Checked for equal answers only; nothing is ever tuned on this set.
    ['real-style', loadRealStyle().map((e) => e.text)],
  ];
  const seen = new Set<string>();
  const out: { source: string; text: string }[] = [];
  for (const [source, texts] of sources) {
    for (const text of texts) {
      if (seen.has(text)) continue;
      seen.add(text);
      out.push({ source, text });
    }
  }
  return out;
}

export interface Recorded {
  source: string;
  text: string;
  intent: string;
  confidence: number;
  intents: [string, number][];
  /** The whole message's best three intents with unrounded probabilities (classify rounds to 0.001). */
  ranking: [string, number][];
  entities: Record<string, string[]>;
  /** Hash of the corrected words, which slot extraction reads. */
  words: string;
}

export function record(matcher: Matcher, source: string, text: string): Recorded {
  const r = matcher.classify(text);
  return {
    source,
    text,
    intent: r.intent,
    confidence: r.confidence,
    intents: r.intents.map((i) => [i.intent, i.confidence]),
    ranking: matcher.probabilities(matcher.featurize(text), 3).map((s) => [s.intent, Math.round(s.confidence * 1e8) / 1e8]),
    entities: r.entities,
    words: createHash('sha256').update(r.words.join(' ')).digest('hex').slice(0, 12),
  };
}

/**
 * Hash of the training data and the lexicon (intents/nlu, intents/lexicon) and of the fixtures read
 * above. Unlike the model's corpus hash it leaves out the model version, so a change of model format
 * that is meant to answer the same is checked against the same record.
 */
export function dataHash(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else h.update(relative(INTENTS_DIR, path)).update(readFileSync(path));
    }
  };
  walk(join(INTENTS_DIR, 'nlu'));
  walk(join(INTENTS_DIR, 'lexicon'));
  for (const f of ['heldout.jsonl', 'real-style-dev.jsonl', 'multi.jsonl', 'real-style.jsonl']) h.update(f).update(readFileSync(join(FIXTURES_DIR, 'nlu', f)));
  return h.digest('hex').slice(0, 16);
}

export interface Snapshot {
  dataHash: string;
  lines: Recorded[];
}

export function readSnapshot(file = SNAPSHOT_FILE): Snapshot {
  const [head, ...rest] = readFileSync(file, 'utf8').trim().split('\n');
  return { dataHash: (JSON.parse(head!) as { dataHash: string }).dataHash, lines: rest.map((l) => JSON.parse(l) as Recorded) };
}

function write(file = SNAPSHOT_FILE): void {
  const matcher = loadMatcher();
  const lines = snapshotInputs().map(({ source, text }) => JSON.stringify(record(matcher, source, text)));
  writeFileSync(file, `${JSON.stringify({ dataHash: dataHash() })}\n${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} predictions written to ${file}\n`);
}

if (process.argv[1] && /predictions-snapshot\.[jt]s$/.test(process.argv[1])) write();

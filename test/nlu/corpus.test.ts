import { mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/nlu/corpus';
import { INTENTS_DIR } from '../../src/paths';

describe('corpus validation', () => {
  it('loads every catalog intent with a description', () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThanOrEqual(29);
    for (const c of corpus) expect(c.utterances.length).toBeGreaterThanOrEqual(30);
  });

  it('names the file, the entry and the problem for bad data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
    cpSync(join(INTENTS_DIR, 'nlu'), dir, { recursive: true });
    writeFileSync(join(dir, 'greeting.yaml'), 'intent: greeting\ndescription: Says hello\nutterances:\n  - hi\n  - 42\n');
    expect(() => loadCorpus(dir)).toThrow(/greeting\.yaml: entry utterances(\.\d)?: /);
    writeFileSync(join(dir, 'greeting.yaml'), 'intent: greetings\ndescription: Says hello\nutterances: [a, b, c, d, e]\n');
    expect(() => loadCorpus(dir)).toThrow(/greeting\.yaml: entry intent: must be one of the intent catalog names/);
  });
});

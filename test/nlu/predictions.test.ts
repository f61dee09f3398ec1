// The matcher answers exactly as recorded in fixtures/nlu/predictions-snapshot.jsonl: every corpus
// and fixture line keeps its intent, its intents, its entities and its corrected words, and every
// probability stays within 1e-6. Speed work must pass this unchanged; a deliberate change of data
// or model writes the record again (see test/nlu/predictions-snapshot.ts).
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { dataHash, readSnapshot, record, snapshotInputs, type Recorded } from './predictions-snapshot';

const TOLERANCE = 1e-6;
const snapshot = readSnapshot();

/** What differs between two records of one text, or null when they agree. */
function difference(was: Recorded, now: Recorded): string | null {
  if (now.intent !== was.intent) return `intent ${was.intent} -> ${now.intent}`;
  if (Math.abs(now.confidence - was.confidence) > TOLERANCE) return `confidence ${was.confidence} -> ${now.confidence}`;
  const scores = (name: string, a: [string, number][], b: [string, number][]) => {
    if (a.map((x) => x[0]).join() !== b.map((x) => x[0]).join()) return `${name} ${JSON.stringify(a)} -> ${JSON.stringify(b)}`;
    const i = a.findIndex((x, k) => Math.abs(x[1] - b[k]![1]) > TOLERANCE);
    return i < 0 ? null : `${name}[${i}] ${a[i]![1]} -> ${b[i]![1]}`;
  };
  const moved = scores('intents', was.intents, now.intents) ?? scores('ranking', was.ranking, now.ranking);
  if (moved) return moved;
  if (JSON.stringify(now.entities) !== JSON.stringify(was.entities)) return `entities ${JSON.stringify(was.entities)} -> ${JSON.stringify(now.entities)}`;
  if (now.words !== was.words) return 'corrected words';
  return null;
}

describe('recorded predictions', () => {
  it('were recorded for the current training data and fixtures', () => {
    // A data change makes a new record on purpose: npx tsx test/nlu/predictions-snapshot.ts
    expect(snapshot.dataHash, 'intents/ or fixtures changed since the record: check the answers and write it again').toBe(dataHash());
    expect(snapshot.lines.map((l) => l.text)).toEqual(snapshotInputs().map((i) => i.text));
  });

  it('are what the matcher answers for every line, within 1e-6', () => {
    const matcher = loadMatcher();
    const differences: string[] = [];
    for (const was of snapshot.lines) {
      const d = difference(was, record(matcher, was.source, was.text));
      if (d) differences.push(`${was.source}: ${JSON.stringify(was.text.slice(0, 80))}: ${d}`);
    }
    expect(differences.slice(0, 20)).toEqual([]);
    expect(snapshot.lines.length).toBeGreaterThan(8000);
  });
});

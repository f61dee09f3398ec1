// The delete index finds, for a misspelled word, the words filed under each of its deletes in the
// order the spelling corrector reads them (the corrector's tie-breaking depends on that order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeleteIndex } from '../../src/nlu/delete-index';
import { deletes } from '../../src/nlu/spelling';

/** The plain way: every delete as a string (the index-building code's own list), the word first. */
const deletesInOrder = (word: string, depth: number): string[] => [word, ...deletes(word, depth)];

function indexOf(vocabulary: string[], depth: number): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const w of vocabulary) for (const k of deletesInOrder(w, depth)) keys.set(k, [...(keys.get(k) ?? []), w]);
  return keys;
}

/** The lists visited, first visits only. */
function visited(index: DeleteIndex, word: string, depth: number): string[][] {
  const out: string[][] = [];
  index.visit(word, depth, (list) => {
    if (!out.includes(list)) out.push(list);
  });
  return out;
}

describe('DeleteIndex', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'r', 'e', 'g'), minLength: 1, maxLength: 10 });

  it('visits the lists of the word and its deletes in deletes order', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), word, fc.constantFrom(1, 2), (vocabulary, query, depth) => {
        const keys = indexOf(vocabulary, depth);
        const expected = deletesInOrder(query, depth)
          .map((k) => keys.get(k))
          .filter((l): l is string[] => l !== undefined);
        expect(visited(new DeleteIndex(keys), query, depth)).toEqual(expected.filter((l, i) => expected.indexOf(l) === i));
      }),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('finds a typo of a real word through its deletes', () => {
    const keys = indexOf(['region', 'restricted', 'account'], 2);
    expect(visited(new DeleteIndex(keys), 'regoin', 2).flat()).toContain('region');
    expect(visited(new DeleteIndex(keys), 'zzzzzz', 2)).toEqual([]);
  });
});

// Word pairs are found by the positions of their two parts, in one of two slot layouts (two parts
// packed into one number for a vocabulary of at most 65,535 features, else side by side); both must
// answer as a plain map of the pairs does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/nlu/feature-ids';

function check(size: number): void {
  const position = fc.integer({ min: 0, max: size - 1 });
  fc.assert(
    fc.property(fc.array(fc.tuple(position, position), { maxLength: 60 }), fc.array(fc.tuple(position, position), { maxLength: 60 }), (pairs, asked) => {
      const expected = new Map<string, number>();
      const entries: [number, number, number][] = [];
      for (const [l, r] of pairs) {
        if (expected.has(`${l} ${r}`)) continue;
        expected.set(`${l} ${r}`, entries.length);
        entries.push([l, r, entries.length]);
      }
      const table = new PairTable(entries, size);
      for (const [l, r] of [...pairs, ...asked]) expect(table.get(l, r)).toBe(expected.get(`${l} ${r}`) ?? -1);
      expect(table.get(-1, 0)).toBe(-1);
      expect(table.get(0, -1)).toBe(-1);
    }),
    { numRuns: 500, seed: 3 },
  );
}

describe('PairTable', () => {
  it('finds every stored pair and no other in a vocabulary small enough for packed slots', () => check(0xffff));
  it('finds every stored pair and no other in a small vocabulary', () => check(6));
  it('finds every stored pair and no other in a vocabulary too large for packed slots', () => check(0x10000 * 3));
});

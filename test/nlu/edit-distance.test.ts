// Spelling correction ranks candidates with our copy of natural's Damerau-Levenshtein distance;
// it must give natural's number for every pair, or corrections (and answers) would change.
import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { describe, expect, it } from 'vitest';
import { damerauLevenshtein } from '../../src/nlu/edit-distance';

describe('damerauLevenshtein', () => {
  it('is natural’s DamerauLevenshteinDistance on words from a small alphabet (many repeats and swaps)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, (a, b) => damerauLevenshtein(a, b) === DamerauLevenshteinDistance(a, b)),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('is natural’s on typos of real words, including its cheap "transpositions"', () => {
    const pairs: [string, string][] = [
      ['regoin', 'region'],
      ['restircted', 'restricted'],
      ['acount', 'account'],
      ['withdrawl', 'withdrawal'],
      ['abcb', 'bcab'],
      ['', 'kyc'],
      ['binance', ''],
      ['ca', 'abc'],
      ['suport', 'support'],
      // Letters outside ASCII take the other path of the last-row table.
      ['régión', 'regiön'],
      ['账户冻结', '账冻户结'],
      ['ééaé', 'aéée'],
    ];
    for (const [a, b] of pairs) expect(damerauLevenshtein(a, b), `${a} / ${b}`).toBe(DamerauLevenshteinDistance(a, b));
  });
});

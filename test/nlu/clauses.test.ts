// Sentence ends are found by a scan instead of a regular expression with a look-behind; the scan
// must cut exactly where the expression did, on every fixture message and on random text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clauseSpans, joiners, joinersOfExpression, sentenceEnds } from '../../src/nlu/clauses';
import { loadMatcher } from '../../src/nlu/load';
import { snapshotInputs } from './predictions-snapshot';

/** The expression the scan replaced. */
function bySentenceRegex(part: string): [number, number][] {
  const re = /(?<=[?!.;\n])\s+|\n+/g;
  const out: [number, number][] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(part)) !== null) out.push([m.index, m[0].length]);
  return out;
}

describe('sentence ends', () => {
  it('are where the regular expression found them in every recorded message, raw and normalised', () => {
    const matcher = loadMatcher();
    const texts = snapshotInputs().map((i) => i.text);
    expect(texts.length).toBeGreaterThan(8000);
    for (const text of texts) {
      for (const t of [text, matcher.analyse(text).text]) expect(sentenceEnds(t), t).toEqual(bySentenceRegex(t));
    }
  });

  it('are where the regular expression found them in random text of marks and white space', () => {
    const alphabet = ['a', 'b', ' ', '  ', '\n', '\n\n', '\t', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '?', '!', '.', ';', ',', '。'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(sentenceEnds(t)).toEqual(bySentenceRegex(t));
      }),
      { numRuns: 3000 },
    );
  });
});

// The joiner expression runs only on parts where a comma or a joiner word is followed by a word
// it looks for; the cuts must be the expression's own everywhere.
describe('joiners', () => {
  it('are where the expression alone finds them in every recorded message, raw and normalised', () => {
    const matcher = loadMatcher();
    let found = 0;
    for (const { text } of snapshotInputs()) {
      for (const t of [text, matcher.analyse(text).text]) {
        for (const part of t.split(/[.?!;\n]/)) {
          const expected = joinersOfExpression(part);
          found += expected.length;
          expect(joiners(part), part).toEqual(expected);
        }
      }
    }
    expect(found).toBeGreaterThan(100);
  });

  it('are where the expression alone finds them in random text of joiner words, question words and white space', () => {
    const alphabet = ['and', 'And', 'ALSO', 'also', 'plus', 'but', 'btw', 'by the way', 'oh and', 'another thing', 'one more thing', 'way', 'thing'];
    const words = ['can', 'Can', 'i', 'I', 'my', 'it', 'is', 'how', 'may', 'cannot', 'island', 'it_', 'x', 'understand', 'brand', '2'];
    const marks = [' ', '  ', ',', ', ', ' ,', '\t', '\n', '\u00a0', '\u2028', "'", 'é', '\u0130', '\u212a'];
    const text = fc.array(fc.constantFrom(...alphabet, ...words, ...marks), { maxLength: 14 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(joiners(t)).toEqual(joinersOfExpression(t));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});

// A message's sentences are cut at joiners only where the message holds a place for one (a comma or
// joiner word before a word the expression looks for); the clauses must be those of the expression
// run on every sentence.
describe('clause spans', () => {
  it('are those of the expression on every sentence in every recorded message, raw and normalised', () => {
    const matcher = loadMatcher();
    let cut = 0;
    for (const { text } of snapshotInputs()) {
      for (const t of [text, matcher.analyse(text).text]) {
        const expected = clauseSpans(t, true);
        cut += expected.length;
        expect(clauseSpans(t), t).toEqual(expected);
      }
    }
    expect(cut).toBeGreaterThan(20000);
  });

  it('are those of the expression on every sentence in random text of joiners, question words, marks and greetings', () => {
    const alphabet = ['and', 'And', 'ALSO', 'also', 'plus', 'but', 'btw', 'by the way', 'oh and', 'another thing', 'one more thing', 'way', 'thing'];
    const words = ['can', 'Can', 'i', 'I', 'my', 'it', 'is', 'how', 'may', 'cannot', 'island', 'it_', 'x', 'understand', 'brand', '2', 'hi', 'hello'];
    const marks = [' ', '  ', ',', ', ', ' ,', '.', '. ', '? ', '!', ';', '\t', '\n', '\n\n', '\u00a0', "'", 'é', '\u0130', '\u212a'];
    const text = fc.array(fc.constantFrom(...alphabet, ...words, ...marks), { maxLength: 24 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(clauseSpans(t)).toEqual(clauseSpans(t, true));
      }),
      { numRuns: 5000, seed: 13 },
    );
  });

  it('are cut where the text is cut, 4,000 characters in', () => {
    const t = `${'word '.repeat(799)}and can I go, and how`;
    expect(clauseSpans(t)).toEqual(clauseSpans(t, true));
  });
});

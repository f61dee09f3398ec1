// The splitting both chat adapters use: boundaries it prefers, the hard cut of one long line,
// and the platform rule that moves a cut before the markup it would break.
import { describe, expect, it } from 'vitest';
import { splitText, truncate, type SafeCut } from '../../adapters/shared/split-text';

const anywhere: SafeCut = (_line, cut) => cut;
/** A toy markup rule: never cut inside {braces}. */
const keepBraces: SafeCut = (line, cut) => {
  const open = line.slice(0, cut).lastIndexOf('{');
  return open > line.slice(0, cut).lastIndexOf('}') && open > 0 ? open : cut;
};

describe('splitText', () => {
  it('keeps short text whole and drops blank text', () => {
    expect(splitText('one\n\ntwo', 100, anywhere)).toEqual(['one\n\ntwo']);
    expect(splitText(' \n\n ', 100, anywhere)).toEqual([]);
  });

  it('splits at paragraph boundaries first, packing paragraphs that fit together', () => {
    const text = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)].join('\n\n');
    expect(splitText(text, 90, anywhere)).toEqual([`${'a'.repeat(40)}\n\n${'b'.repeat(40)}`, 'c'.repeat(40)]);
  });

  it('falls back to line boundaries inside a paragraph that is too long', () => {
    const lines = ['x'.repeat(30), 'y'.repeat(30), 'z'.repeat(30)];
    const chunks = splitText(lines.join('\n'), 70, anywhere);
    expect(chunks).toEqual([`${lines[0]}\n${lines[1]}`, lines[2]]);
  });

  it('cuts one long line at spaces without losing words, and every chunk fits', () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`);
    const chunks = splitText(words.join(' '), 100, anywhere);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(100);
    expect(chunks.join(' ').split(' ')).toEqual(words);
  });

  it('cuts a line with no spaces at the limit', () => {
    expect(splitText('x'.repeat(250), 100, anywhere)).toEqual(['x'.repeat(100), 'x'.repeat(100), 'x'.repeat(50)]);
  });

  it('moves the cut before markup that the platform rule protects', () => {
    const line = `${'a '.repeat(40)}{keep this together}${' b'.repeat(40)}`;
    const chunks = splitText(line, 95, keepBraces);
    expect(chunks.some((c) => c.includes('{keep this together}'))).toBe(true);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(95);
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghijkl', 5)).toBe('abcd…');
  });
});

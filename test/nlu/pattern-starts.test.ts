// A class's expression is tried only where a word begins with one of the starts read from its
// source (pattern-starts.ts). The starts must cover every match the full search finds, and trying
// only there must find the same matches, on every recorded message and on random text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findClasses, patternStartsIn, phrasesStartingWith } from '../../src/nlu/classes';
import { loadLexicon, type LexiconClass } from '../../src/nlu/lexicon';
import { loadMatcher } from '../../src/nlu/load';
import { normalizerFor } from '../../src/nlu/language-normalizer';
import { createNormalizer } from '../../src/nlu/normalize';
import { loadRealStyle, REAL_STYLE_ZH_FILE } from '../../src/nlu/real-style';
import { mayStartWith, patternStarts } from '../../src/nlu/pattern-starts';
import { snapshotInputs } from './predictions-snapshot';

/** Each word's facts as the matcher's table gives them (phrases and pattern starts). */
function factsOf(classes: readonly LexiconClass[], words: readonly string[]) {
  return words.map((w) => ({ phrases: phrasesStartingWith(classes, w), patternStarts: patternStartsIn(classes, w) }));
}

/** The letters and digits from `index` on: what a word shows of a match starting there. */
function segmentAt(text: string, index: number): string {
  return /^[a-z0-9]*/.exec(text.slice(index))![0];
}

describe('pattern starts', () => {
  it('are read from the expression: literal words, optional parts, digits and classes', () => {
    expect([...patternStarts('\\b(?:aws\\b|amazon (?:web|cloud))')!.starts].sort()).toEqual(['ama', 'aws']);
    expect([...patternStarts('\\b(?:e ?mails?|x com)\\b')!.starts].sort()).toEqual(['e', 'ema', 'x']);
    expect([...patternStarts('\\b(?<!\\bno )geo ?block')!.starts]).toEqual(['geo']);
    expect(patternStarts('\\b\\d+ days')!.starts.size).toBe(10 + 100 + 1000);
    expect([...patternStarts('\\b[a-c]x')!.starts].sort()).toEqual(['ax', 'bx', 'cx']);
  });

  it('are not listed where a match may begin anywhere or the syntax is unknown', () => {
    expect(patternStarts('aws')).toBeNull(); // no word boundary in front
    expect(patternStarts('\\b(?:aws)?')).toBeNull(); // may match nothing
    expect(patternStarts('\\b.aws')).toBeNull(); // may begin with a space
    expect(patternStarts('\\b[^a]ws')).toBeNull();
    expect(patternStarts('\\b(?:a)\\1')).toBeNull(); // a back-reference
    expect(patternStarts('\\ba{')).toBeNull();
  });

  it('cover every match of every class expression in every recorded message, English and Chinese', () => {
    const matcher = loadMatcher();
    const lexicons = [loadLexicon(), loadLexicon(undefined, 'zh')];
    const texts = snapshotInputs().map((i) => i.text);
    let matches = 0;
    for (const text of texts) {
      const words = matcher.analyse(text).words;
      const joined = words.join(' ');
      for (const lexicon of lexicons) {
        for (const cls of lexicon.classes) {
          if (!cls.scan || !cls.starts) continue;
          for (const m of joined.matchAll(new RegExp(cls.scan.source, 'g'))) {
            matches++;
            expect(mayStartWith(cls.starts, segmentAt(joined, m.index)), `${cls.name}: ${m[0]} in ${text}`).toBe(true);
          }
        }
      }
    }
    expect(matches).toBeGreaterThan(5000);
  });

  it('every English class but those without patterns has starts (none falls back to the full search)', () => {
    for (const cls of loadLexicon().classes) expect(cls.scan === null || cls.starts !== null, cls.name).toBe(true);
  });

  it('cover every match of random expressions in random text', () => {
    const pieces = [
      'ab',
      'b',
      '[a-c]',
      '\\d+',
      '\\d',
      '(?:x|yz)',
      '.{0,3}',
      ' ?',
      ' ',
      '\\s',
      '(?=q)',
      '(?<!r )',
      '(?:s|)',
      's*',
      'q+',
      '[a-z ]{1,4}',
      '\\b',
      '(?:ab|a b)?',
    ];
    const source = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 5 }).map((p) => `\\b(?:${p.join('')})`);
    const text = fc.array(fc.constantFrom('a', 'b', 'c', 'q', 'r', 's', 'x', 'y', 'z', '0', '7', ' ', '/'), { maxLength: 30 }).map((c) => c.join(''));
    let listed = 0;
    fc.assert(
      fc.property(source, text, (src, t) => {
        const starts = patternStarts(src);
        if (!starts) return;
        listed++;
        for (const m of t.matchAll(new RegExp(src, 'g'))) {
          expect(m[0].length, src).toBeGreaterThan(0);
          expect(mayStartWith(starts, segmentAt(t, m.index)), `${src} matched ${JSON.stringify(m[0])} in ${JSON.stringify(t)}`).toBe(true);
        }
      }),
      { numRuns: 4000 },
    );
    expect(listed).toBeGreaterThan(500);
  });
});

describe('searching only where a match may start', () => {
  const classes = loadLexicon().classes;

  it('finds what the full search finds in every recorded message, as typed and corrected', () => {
    const matcher = loadMatcher();
    const normalizer = createNormalizer(loadLexicon().rewrites);
    const tokens = (t: string) => normalizer.normalize(t).tokens;
    let found = 0;
    for (const { text } of snapshotInputs()) {
      for (const words of [tokens(text), matcher.analyse(text).words]) {
        const plain = findClasses(words, classes);
        found += plain.length;
        expect(findClasses(words, classes, factsOf(classes, words)), text).toEqual(plain);
      }
    }
    expect(found).toBeGreaterThan(10000);
  });

  it('finds what the full search finds in random text of the classes’ own words', () => {
    const vocabulary = [
      '403',
      '451',
      'region',
      'not',
      'a',
      'no',
      'the',
      'us',
      'in',
      'from',
      'aws',
      'us',
      'east',
      '1',
      'for',
      '3',
      'weeks',
      'since',
      'march',
      'email',
      'e',
      'mail',
      'support',
      'agent',
      'ticket',
      'restricted',
      'location',
      'locations',
      'i',
      'am',
      'teapot',
      'code',
      '2015',
      'tcp/ip',
      'aws/gcp',
      'x',
      'com',
      'geo',
      'blocked',
      'country',
      'is',
      'available',
      'your',
      'un',
      'accessible',
      'okx',
    ];
    const words = fc.array(fc.constantFrom(...vocabulary), { maxLength: 25 });
    fc.assert(
      fc.property(words, (w) => {
        expect(findClasses(w, classes, factsOf(classes, w))).toEqual(findClasses(w, classes));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds what the full search finds in the Chinese matcher, on its corpus words and its real-style set', () => {
    const matcher = loadMatcher('zh');
    const zh = matcher.lexiconClasses;
    const lexicon = loadLexicon(undefined, 'zh');
    const normalizer = normalizerFor(lexicon);
    let found = 0;
    for (const { text } of loadRealStyle(REAL_STYLE_ZH_FILE, 'zh')) {
      const a = matcher.analyse(text);
      expect(a.facts, text).toBeDefined();
      expect(findClasses(a.words, zh, a.facts), text).toEqual(findClasses(a.words, zh));
      const typed = normalizer.normalize(text).tokens;
      const plain = findClasses(typed, zh);
      found += plain.length;
      expect(findClasses(typed, zh, factsOf(zh, typed)), text).toEqual(plain);
    }
    expect(found).toBeGreaterThan(300);
  });
});

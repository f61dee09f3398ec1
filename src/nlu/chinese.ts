// The Chinese normaliser: Traditional characters become Simplified (opencc-js), full-width forms
// half-width (NFKC), Chinese punctuation ends sentences as in English, lexicon phrases
// ("不支持您所在的地区", "梯子") stay one word, and the rest of each run of Chinese characters is cut into
// words by Intl.Segmenter (ICU, built into Node; measured against @node-rs/jieba in the README).
// Latin words inside a Chinese message ("币安 KYC 显示 region not supported") go through the English
// normaliser, so the English lexicon classes (API errors, exchanges) still find them.
import type { Normalized, Normalizer } from './normalize';

const HAN_RUN = /[\p{Script=Han}\u3007]+/gu;
// opencc-js's types describe its ES module; its CommonJS build (what require finds) is the same API.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js') as { Converter(o: { from: string; to: string }): (text: string) => string };
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
/** A half-width stop touching a Chinese character on either side (not "1,000" or "v5.1"). */
const HALF_WIDTH_STOP = /(?<=\p{Script=Han}[」』”"')）]?)[?!;,](?=\S)|[?!;,](?=[「『“"'(（]?\p{Script=Han})/gu;
const PUNCTUATION: Record<string, string> = { '。': '. ', '！': '! ', '？': '? ', '；': '; ', '，': ', ', '、': ', ', '\u3000': ' ' };

export interface ChineseOptions {
  /** Slang and variants -> the word the corpus uses (after simplification). */
  words: Record<string, string>;
  emoji: Record<string, string>;
  /** Phrases kept as one word (the lexicon's Chinese phrases). */
  phrases: string[];
}

export type Segment = (run: string) => string[];

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
export const intlSegment: Segment = (run) => {
  const out: string[] = [];
  for (const s of segmenter.segment(run)) if (s.isWordLike) out.push(s.segment);
  return out;
};

let defaultSegment: Segment = intlSegment;
/** Swaps the word segmenter of Chinese normalisers made from now on (the bench compares jieba with it). */
export function useSegmenter(segment: Segment): void {
  defaultSegment = segment;
}

export function simplify(text: string): string {
  return toSimplified(text);
}

/** `latin` reads the non-Chinese parts (the English normaliser). */
export function createChineseNormalizer(opts: ChineseOptions, latin: Normalizer, segment: Segment = defaultSegment): Normalizer {
  const words = new Map(Object.entries(opts.words).map(([k, v]) => [simplify(k), v]));
  const emoji = Object.entries(opts.emoji);
  // Longest phrases first, indexed by first character; rewrite keys are kept whole too.
  const byFirst = new Map<string, string[]>();
  for (const p of new Set([...opts.phrases.map(simplify), ...words.keys(), ...words.values()])) {
    if (!/\p{Script=Han}/u.test(p)) continue;
    const list = byFirst.get(p[0]!) ?? byFirst.set(p[0]!, []).get(p[0]!)!;
    list.push(p);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);

  const cut = (run: string, at: number, tokens: string[], offsets: number[]) => {
    let i = 0;
    let rest = 0;
    const flush = (end: number) => {
      if (end <= rest) return;
      let pos = rest;
      const piece = run.slice(rest, end);
      for (const w of segment(piece)) {
        const o = piece.indexOf(w, pos - rest);
        push(w, at + rest + (o < 0 ? pos - rest : o), tokens, offsets);
        pos = rest + (o < 0 ? pos - rest : o) + w.length;
      }
    };
    while (i < run.length) {
      const phrase = byFirst.get(run[i]!)?.find((p) => run.startsWith(p, i));
      if (phrase) {
        flush(i);
        push(phrase, at + i, tokens, offsets);
        i += phrase.length;
        rest = i;
      } else i++;
    }
    flush(run.length);
  };
  const push = (w: string, offset: number, tokens: string[], offsets: number[]) => {
    const rewritten = words.get(w);
    if (rewritten === undefined) tokens.push(w), offsets.push(offset);
    else for (const part of rewritten.split(' ')) if (part) tokens.push(part), offsets.push(offset);
  };

  const normalize = (text: string): Normalized => {
    // Chinese punctuation first: NFKC would make ？！；， half-width with no space after them, and
    // "被冻的？怎么解冻？" must end a sentence at each ？ as the English reading expects "? ".
    let t = simplify(text.replace(/[。！？；，、\u3000]/g, (m) => PUNCTUATION[m]!).normalize('NFKC')).toLowerCase();
    for (const [from, to] of emoji) if (t.includes(from)) t = t.split(from).join(` ${to} `);
    // The same for half-width stops typed straight after Chinese ("被冻的?怎么解冻").
    t = t.replace(HALF_WIDTH_STOP, '$& ');
    const tokens: string[] = [];
    const offsets: number[] = [];
    let last = 0;
    const latinPart = (from: number, to: number) => {
      if (to <= from) return;
      const part = latin.normalize(t.slice(from, to));
      part.tokens.forEach((w, k) => (tokens.push(w), offsets.push(from + part.offsets[k]!)));
    };
    for (const m of t.matchAll(HAN_RUN)) {
      latinPart(last, m.index);
      cut(m[0], m.index, tokens, offsets);
      last = m.index + m[0].length;
    }
    latinPart(last, t.length);
    return { text: t, tokens, offsets };
  };
  return { normalize, tokens: (text) => normalize(text).tokens };
}

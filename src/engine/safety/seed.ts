// Recovery (seed) phrases: runs of BIP-39 words, however they are written (numbered, one per line,
// comma-separated, in capitals), a half phrase on its own, and a phrase split over two messages.
// @scure/bip39 (maintained, audited) ships as ESM only; Node 20.19+ can require() it.
const { wordlist: bip39English } = require('@scure/bip39/wordlists/english.js') as { wordlist: string[] };

const BIP39 = new Set(bip39English);
/** Twelve words is the shortest standard mnemonic. */
export const MIN_SEED_WORDS = 12;
/** A message made of nothing but this many BIP-39 words is taken as part of a phrase. */
const HALF_PHRASE_WORDS = 6;
/** After a hint ("seed", "phrase", "mnemonic", "recovery words") this many words are enough. */
const HINTED_WORDS = 4;
export const SEED_PLACEHOLDER = '[redacted seed phrase]';

/**
 * BIP-39 words that are everyday English. A short all-BIP-39 message with two of these is a sentence
 * ("hello team, hope someone can help"), not half a phrase: six random words from 2,048 hold two of
 * these only about 1% of the time, and a full phrase or a split one is still caught.
 */
const PROSE = new Set(
  'about above across act again all almost alone also always among another any around ask away because before behind below best better between call can come day during either else enough few find first give good have hello help hope into just keep kind know later leave like little long make more much must need never next now off often old once one only other over own people place please put rather right same say side since someone soon still such sure team tell thank that then there they thing this time today together try under until upon use very want way what when where will year you'.split(
    ' ',
  ),
);

const WORD = /[A-Za-z]+/g;
/** Only separators that seed lists use (spaces, commas, numbering, quotes) may sit between words. */
const SEPARATOR = /^[\s,.;:\-\d)(#"'’|/]*$/;
const HINT = /\b(?:seed|phrase|mnemonic|recovery|backup|secret)\s*(?:words?|phrase)?\s*(?:is|are|was|:|-|=)?\s*$/i;

interface Word {
  start: number;
  end: number;
  bip: boolean;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index!, end: m.index! + m[0].length, bip: BIP39.has(m[0].toLowerCase()) });
  return out;
}

/** Runs of BIP-39 words joined only by list separators, as [first, last] word indexes. */
function runs(text: string, ws: Word[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= ws.length; i++) {
    const w = ws[i];
    const joined = w?.bip && start >= 0 && SEPARATOR.test(text.slice(ws[i - 1]!.end, w.start));
    if (w?.bip && (start < 0 || joined)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) out.push([start, i - 1]);
    start = w?.bip ? i : -1;
  }
  return out;
}

export interface SeedResult {
  text: string;
  found: boolean;
  /** BIP-39 words at the very end of the message (a count only: the words themselves are not kept). */
  trailingWords: number;
}

/**
 * Replaces seed phrases. `previousTrailing` is the count of BIP-39 words that ended the previous
 * message of the conversation: a leading run that completes it to a phrase is redacted too.
 */
export function redactSeedPhrases(text: string, previousTrailing = 0): SeedResult {
  const ws = words(text);
  const rs = runs(text, ws);
  const spans: [number, number][] = [];
  const onlyWords = ws.length > 0 && rs.length === 1 && rs[0]![0] === 0 && rs[0]![1] === ws.length - 1;
  const prose = ws.filter((w) => PROSE.has(text.slice(w.start, w.end).toLowerCase())).length >= 2;
  for (const [a, b] of rs) {
    const n = b - a + 1;
    const leading = a === 0 && SEPARATOR.test(text.slice(0, ws[0]!.start));
    const hinted = HINT.test(text.slice(Math.max(0, ws[a]!.start - 40), ws[a]!.start));
    if (
      n >= MIN_SEED_WORDS ||
      (onlyWords && !prose && n >= HALF_PHRASE_WORDS) ||
      (hinted && n >= HINTED_WORDS) ||
      (leading && previousTrailing > 0 && previousTrailing + n >= MIN_SEED_WORDS)
    ) {
      spans.push([ws[a]!.start, ws[b]!.end]);
    }
  }
  const last = rs[rs.length - 1];
  const endsWithRun = !!last && last[1] === ws.length - 1 && SEPARATOR.test(text.slice(ws[ws.length - 1]!.end));
  const trailingWords = endsWithRun ? last[1] - last[0] + 1 + (onlyWords ? previousTrailing : 0) : 0;
  if (spans.length === 0) return { text, found: false, trailingWords };
  let out = text;
  for (const [s, e] of spans.reverse()) out = out.slice(0, s) + SEED_PLACEHOLDER + out.slice(e);
  return { text: out, found: true, trailingWords };
}

/** Removes the BIP-39 words that end `text`: the first half of a phrase the next message completed. */
export function scrubTrailingSeedWords(text: string): string {
  const ws = words(text);
  const rs = runs(text, ws);
  const last = rs[rs.length - 1];
  if (!last || last[1] !== ws.length - 1) return text;
  return text.slice(0, ws[last[0]]!.start) + SEED_PLACEHOLDER + text.slice(ws[last[1]]!.end);
}

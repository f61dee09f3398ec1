// The classifier's features of an analysed message as vocabulary positions, found without building
// a string per feature. `featuresOf` (features.ts) spells every stem, word pair and class token
// out and the classifier then looks each string up; on a long message read sentence by sentence
// that was most of the time. Here each stem and class token is looked up once per message, and a
// word pair is found from its two positions in an open-addressing table. The positions come out in the
// same order, without repeats, as `indicesOf(featuresOf(...).features)` gives them, so the sums
// over them run in the same order and every answer stays the same (test/nlu/predictions.test.ts).
import { stem, type Analysis, type WordRange } from './features';

/** What the scoring needs of some ranges of a message. */
export interface KnownFeatures {
  /** Vocabulary positions of the features, in featuresOf's order. */
  indices: number[];
  /** Words in the ranges. */
  words: number;
  /** Of those, words the vocabulary knew (after spelling correction). */
  known: number;
  /** Of those, words the vocabulary knew as typed. */
  knownAsTyped: number;
}

/** A message's stems and class matches as vocabulary positions (-1: not in the vocabulary).
 * Plain arrays: allocating four typed arrays cost more than filling them. */
export interface Positions {
  stems: number[];
  /** pairs[i]: the pair of stems i - 1 and i (the stream of a range without class matches). */
  pairs: number[];
  /** Per class match: its class token, and cls_restricted_country for a restricted country. */
  token: number[];
  restricted: number[];
}

const RESTRICTED_TOKEN = 'cls_restricted_country';
/** Words whose position is remembered (the stem cache's bound). */
const WORD_CACHE_LIMIT = 20000;

export class FeaturePositions {
  private readonly pairs: PairTable;
  /** seen[i] === stamp when position i is already in the list being built. */
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** The stamp of the list `of` is building. */
  private stampNow = 0;
  /** Word -> vocabulary position of its stem (-1: none). Stemming is a pure function, so this only
   * remembers answers; one look-up in this small map costs less than the stem cache's and then the
   * vocabulary's (a large map, mostly out of the processor's caches). */
  private readonly wordPositions = new Map<string, number>();

  constructor(private readonly index: ReadonlyMap<string, number>) {
    this.seen = new Uint32Array(index.size);
    // A pair "a_b" is stored under every split whose two parts are features themselves. Training
    // only forms pairs of stems and class tokens it also keeps as features, so a pair the
    // vocabulary knows always has both parts known; stems have no "_", class tokens start "cls_".
    const splits: [number, number, number][] = [];
    for (const [feature, at] of index) {
      for (let k = feature.indexOf('_'); k > 0; k = feature.indexOf('_', k + 1)) {
        const left = index.get(feature.slice(0, k));
        const right = index.get(feature.slice(k + 1));
        if (left !== undefined && right !== undefined) splits.push([left, right, at]);
      }
    }
    this.pairs = new PairTable(splits, index.size);
  }

  /** Looks up every stem and class token of the message once. */
  positions(a: Analysis): Positions {
    const stems: number[] = [];
    const pairs: number[] = [];
    for (let i = 0; i < a.words.length; i++) {
      // The word's facts hold the same position when the message was read with them (word-facts.ts).
      stems.push(a.facts ? a.facts[i]!.stemAt : this.positionOf(a.words[i]!));
      pairs.push(i === 0 ? -1 : this.pairs.get(stems[i - 1]!, stems[i]!));
    }
    const token: number[] = [];
    const restricted: number[] = [];
    const restrictedAt = this.index.get(RESTRICTED_TOKEN) ?? -1;
    for (const m of a.matches) {
      token.push(this.index.get(m.class.token) ?? -1);
      restricted.push(m.class.restricted.has(m.value) ? restrictedAt : -1);
    }
    return { stems, pairs, token, restricted };
  }

  /** The features of some ranges of the message (all of it by default); pairs do not cross ranges. */
  of(a: Analysis, p: Positions, ranges: readonly WordRange[] = [{ start: 0, end: a.words.length }]): KnownFeatures {
    this.stampNow = this.nextStamp();
    const indices: number[] = [];
    const matched: number[] = [];
    const matches = a.matches;
    let words = 0;
    let known = 0;
    let knownAsTyped = 0;
    for (const { start, end } of ranges) {
      words += end - start;
      for (let i = start; i < end; i++) {
        this.add(indices, p.stems[i]!);
        known += a.known[i]!;
        knownAsTyped += a.knownAsTyped[i]!;
      }
      // The class matches inside the range, in order (matches are sorted by start, longest first).
      const first = matched.length;
      for (let j = 0; j < matches.length; j++) if (matches[j]!.start >= start && matches[j]!.end <= end) matched.push(j);
      if (matched.length === first) {
        for (let i = start + 1; i < end; i++) this.add(indices, p.pairs[i]!);
        continue;
      }
      // The word stream with each class match inside the range collapsed to its class token
      // (classes.ts `collapse`: overlaps keep the first).
      let next = first;
      let previous = -2;
      for (let i = start; i < end; ) {
        while (next < matched.length && matches[matched[next]!]!.start < i) next++;
        const m = next < matched.length ? matches[matched[next]!]! : null;
        let current: number;
        if (m && m.start === i) {
          current = p.token[matched[next]!]!;
          i = m.end;
        } else {
          current = p.stems[i]!;
          i++;
        }
        if (previous !== -2) this.add(indices, this.pairs.get(previous, current));
        previous = current;
      }
    }
    for (const j of matched) {
      this.add(indices, p.token[j]!);
      this.add(indices, p.restricted[j]!);
    }
    return { indices, words, known, knownAsTyped };
  }

  /** Appends a known position the list being built does not hold yet (a method, not a closure made per call). */
  private add(indices: number[], at: number): void {
    if (at >= 0 && this.seen[at] !== this.stampNow) {
      this.seen[at] = this.stampNow;
      indices.push(at);
    }
  }

  /** Vocabulary position of a word's stem (-1: none). */
  positionOf(word: string): number {
    let at = this.wordPositions.get(word);
    if (at === undefined) {
      at = this.index.get(stem(word)) ?? -1;
      if (this.wordPositions.size >= WORD_CACHE_LIMIT) this.wordPositions.clear();
      this.wordPositions.set(word, at);
    }
    return at;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** Word pairs by the positions of their two parts: open addressing over typed arrays, so a
 * lookup is a few integer reads (a Map keyed by a string or a nested Map cost more). */
export class PairTable {
  /**
   * Slot h is cells[stride * h ..]: with a vocabulary of at most 65,535 features, the two parts as
   * one number (left * size + right, below 2^32 - 1, so -1 marks an empty slot) and the pair's
   * position, 8 bytes; else left part, right part, position and one unused, 16 bytes. The table is
   * larger than the processor's nearest caches and a message looks up a pair per word: the
   * half-size slots cost fewer cache misses (looking pairs up cost about a tenth of a real-style
   * classification), and a slot still lies in one cache line.
   */
  private readonly cells: Int32Array;
  private readonly mask: number;
  private readonly packed: boolean;
  /** One bit per value of a slot hash's lowest FILTER_BITS bits, set for every stored pair: a third of
   * the pairs a message asks about are not features, and a clear bit answers them from 32 KB that
   * stay in the processor's caches instead of a probe of the table. */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));

  constructor(
    entries: readonly [number, number, number][],
    private readonly size: number,
  ) {
    let slots = 16;
    while (slots < entries.length * 2) slots *= 2;
    this.mask = slots - 1;
    this.packed = size <= 0xffff;
    const stride = this.packed ? 2 : 4;
    const cells = new Int32Array(slots * stride).fill(-1);
    for (const [l, r, at] of entries) {
      const hash = slot(l, r);
      this.filter[(hash >>> 5) & FILTER_WORDS]! |= 1 << (hash & 31);
      let h = hash & this.mask;
      if (this.packed) {
        const key = (l * size + r) | 0;
        while (cells[h * 2] !== -1 && cells[h * 2] !== key) h = (h + 1) & this.mask;
        cells[h * 2] = key;
        cells[h * 2 + 1] = at;
      } else {
        while (cells[h * 4] !== -1 && !(cells[h * 4] === l && cells[h * 4 + 1] === r)) h = (h + 1) & this.mask;
        cells[h * 4] = l;
        cells[h * 4 + 1] = r;
        cells[h * 4 + 2] = at;
      }
    }
    this.cells = cells;
  }

  /** The pair's position, or -1 (also when either part is unknown). */
  get(l: number, r: number): number {
    if (l < 0 || r < 0) return -1;
    const hash = slot(l, r);
    if ((this.filter[(hash >>> 5) & FILTER_WORDS]! & (1 << (hash & 31))) === 0) return -1;
    const cells = this.cells;
    if (this.packed) {
      // (l * size + r) | 0 is one-to-one for parts below size <= 65,535 (their products stay below 2^32 - 1).
      const key = (l * this.size + r) | 0;
      for (let h = hash & this.mask; ; h = (h + 1) & this.mask) {
        const k = cells[h * 2]!;
        if (k === key) return cells[h * 2 + 1]!;
        if (k === -1) return -1;
      }
    }
    for (let h = hash & this.mask; ; h = (h + 1) & this.mask) {
      const k = cells[h * 4]!;
      if (k === -1) return -1;
      if (k === l && cells[h * 4 + 1] === r) return cells[h * 4 + 2]!;
    }
  }
}

/** The pair filter has 2^FILTER_BITS bits, in 2^(FILTER_BITS - 5) words (FILTER_WORDS masks a word's index). */
const FILTER_BITS = 18;
const FILTER_WORDS = (1 << (FILTER_BITS - 5)) - 1;

function slot(l: number, r: number): number {
  return Math.imul(l, 0x9e3779b1) ^ Math.imul(r, 0x85ebca77);
}

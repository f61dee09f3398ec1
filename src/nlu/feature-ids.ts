// The classifier's features of an analysed message as vocabulary positions, found without building
// a string per feature. `featuresOf` (features.ts) spells every stem, word pair and class token
// out and the classifier then looks each string up; on a long message read sentence by sentence
// that was most of the time. Here each stem and class token is looked up once per message, and a
// word pair is found from its two positions in a two-level index. The positions come out in the
// same order, without repeats, as `indicesOf(featuresOf(...).features)` gives them, so scores add
// up in the same order and every answer stays the same (test/nlu/predictions.test.ts).
import type { ClassMatch } from './classes';
import type { Analysis, WordRange } from './features';

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

/** A message's stems and class matches as vocabulary positions (-1: not in the vocabulary). */
export interface Positions {
  stems: Int32Array;
  /** Per class match: its class token, and cls_restricted_country for a restricted country. */
  token: Int32Array;
  restricted: Int32Array;
}

const RESTRICTED_TOKEN = 'cls_restricted_country';

export class FeaturePositions {
  /** Left part's position -> right part's position -> the pair's position. */
  private readonly pairs = new Map<number, Map<number, number>>();
  /** seen[i] === stamp when position i is already in the list being built. */
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(private readonly index: ReadonlyMap<string, number>) {
    this.seen = new Uint32Array(index.size);
    // A pair "a_b" is stored under every split whose two parts are features themselves. Training
    // only forms pairs of stems and class tokens it also keeps as features, so a pair the
    // vocabulary knows always has both parts known; stems have no "_", class tokens start "cls_".
    for (const [feature, at] of index) {
      for (let k = feature.indexOf('_'); k > 0; k = feature.indexOf('_', k + 1)) {
        const left = index.get(feature.slice(0, k));
        const right = index.get(feature.slice(k + 1));
        if (left === undefined || right === undefined) continue;
        let row = this.pairs.get(left);
        if (!row) this.pairs.set(left, (row = new Map()));
        row.set(right, at);
      }
    }
  }

  /** Looks up every stem and class token of the message once. */
  positions(a: Analysis): Positions {
    const stems = new Int32Array(a.stems.length);
    for (let i = 0; i < stems.length; i++) stems[i] = this.index.get(a.stems[i]!) ?? -1;
    const token = new Int32Array(a.matches.length);
    const restricted = new Int32Array(a.matches.length);
    const restrictedAt = this.index.get(RESTRICTED_TOKEN) ?? -1;
    a.matches.forEach((m, j) => {
      token[j] = this.index.get(m.class.token) ?? -1;
      restricted[j] = m.class.restricted.has(m.value) ? restrictedAt : -1;
    });
    return { stems, token, restricted };
  }

  /** The features of some ranges of the message (all of it by default); pairs do not cross ranges. */
  of(a: Analysis, p: Positions, ranges: readonly WordRange[] = [{ start: 0, end: a.words.length }]): KnownFeatures {
    const stamp = this.nextStamp();
    const seen = this.seen;
    const indices: number[] = [];
    const add = (at: number) => {
      if (at >= 0 && seen[at] !== stamp) {
        seen[at] = stamp;
        indices.push(at);
      }
    };
    const matched: number[] = [];
    let words = 0;
    let known = 0;
    let knownAsTyped = 0;
    for (const { start, end } of ranges) {
      words += end - start;
      for (let i = start; i < end; i++) {
        add(p.stems[i]!);
        known += a.known[i]!;
        knownAsTyped += a.knownAsTyped[i]!;
      }
      // The word stream with each class match inside the range collapsed to its class token
      // (classes.ts `collapse`: matches are sorted by start, longest first; overlaps keep the first).
      let next = firstInside(a.matches, start, end, 0);
      let previous = -2;
      for (let i = start; i < end; ) {
        while (next >= 0 && a.matches[next]!.start < i) next = firstInside(a.matches, start, end, next + 1);
        let current: number;
        if (next >= 0 && a.matches[next]!.start === i) {
          current = p.token[next]!;
          i = a.matches[next]!.end;
        } else {
          current = p.stems[i]!;
          i++;
        }
        if (previous !== -2) add(previous >= 0 && current >= 0 ? (this.pairs.get(previous)?.get(current) ?? -1) : -1);
        previous = current;
      }
      for (let j = firstInside(a.matches, start, end, 0); j >= 0; j = firstInside(a.matches, start, end, j + 1)) matched.push(j);
    }
    for (const j of matched) {
      add(p.token[j]!);
      add(p.restricted[j]!);
    }
    return { indices, words, known, knownAsTyped };
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** The first match from `from` on that lies inside [start, end), or -1. */
function firstInside(matches: readonly ClassMatch[], start: number, end: number, from: number): number {
  for (let j = from; j < matches.length; j++) {
    const m = matches[j]!;
    if (m.start >= start && m.end <= end) return j;
  }
  return -1;
}

// Fixes typos against the training vocabulary ("regoin" -> "region") with a delete index
// (SymSpell's idea) so a lookup costs a few map reads, not a scan of the vocabulary.
import { DeleteIndex } from './delete-index';
import { damerauLevenshtein } from './edit-distance';

const MIN_LENGTH = 4;
const CACHE_LIMIT = 5000;

/** Every string `depth` deletes or fewer away from `word`, in the order the index visits them (exported for its test). */
export function deletes(word: string, depth: number): Set<string> {
  const out = new Set<string>();
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const del = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(del)) {
          out.add(del);
          next.push(del);
        }
      }
    }
    frontier = next;
  }
  return out;
}

export class SpellingCorrector {
  /** Filed by number (the position in `words`), so a candidate's word, frequency and whether it
   * was measured are array reads, not a map look-up and a set per correction. */
  private readonly index: DeleteIndex<number>;
  private readonly words: string[] = [];
  private readonly counts: number[] = [];
  /** measured[n] === stamp when word n was already measured for the word being corrected. */
  private readonly measured: Uint32Array;
  private stamp = 0;
  private readonly cache = new Map<string, string>();

  constructor(private readonly frequency: Map<string, number>) {
    const keys = new Map<string, number[]>();
    for (const [word, count] of frequency) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) continue;
      const n = this.words.push(word) - 1;
      this.counts.push(count);
      for (const key of [word, ...deletes(word, maxDistance(word))]) {
        const list = keys.get(key);
        if (list) list.push(n);
        else keys.set(key, [n]);
      }
    }
    this.index = new DeleteIndex(keys);
    this.measured = new Uint32Array(this.words.length);
  }

  frequencies(): Map<string, number> {
    return this.frequency;
  }

  knows(word: string): boolean {
    return this.frequency.has(word);
  }

  /** The closest known word, or the word itself when none is close enough. */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || this.frequency.has(word) || /\d/.test(word) || word.length > 30) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const limit = maxDistance(word);
    let best = word;
    let bestDistance = limit + 1;
    let bestFrequency = 0;
    // A word reached through several deletes is measured once: measured again it could not beat
    // the best so far (which is it, or better), so the choice and its tie-breaking order stay the same.
    const stamp = this.nextStamp();
    const { measured, words, counts } = this;
    const consider = (candidates: number[]) => {
      for (const n of candidates) {
        if (measured[n] === stamp) continue;
        measured[n] = stamp;
        const candidate = words[n]!;
        if (Math.abs(candidate.length - word.length) > limit) continue;
        const d = damerauLevenshtein(word, candidate);
        const f = counts[n]!;
        if (d < bestDistance || (d === bestDistance && f > bestFrequency)) {
          best = candidate;
          bestDistance = d;
          bestFrequency = f;
        }
      }
    };
    // The keys in the order deletes() lists them (the word, every one-letter delete, then the
    // deletes of those); a key reached twice finds only words already measured.
    this.index.visit(word, limit, consider);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }

  private nextStamp(): number {
    if (this.stamp === 0xffffffff) {
      this.measured.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}

/** Short words tolerate one edit, longer ones two. */
function maxDistance(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

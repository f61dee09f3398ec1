// The spelling corrector's delete index (SymSpell's idea): every vocabulary word filed under itself
// and the strings left when one or two of its letters are deleted. A lookup asks for the deletes of
// a misspelled word, about a hundred of them for a ten-letter word; building each as a string
// and hashing it was most of the cost of a correction. Here a delete is found by a hash computed
// from the word's prefix hashes, and the stored key is compared letter by letter with the word
// minus the deleted letters, so no string is made.

/** Polynomial hash base; all arithmetic is modulo 2^32 (Math.imul and |0). */
const BASE = 0x01000193;
const MAX_LENGTH = 64;
const POWERS = new Int32Array(MAX_LENGTH + 1);
/** The filter has 2^FILTER_BITS bits. */
const FILTER_BITS = 20;
POWERS[0] = 1;
for (let k = 1; k <= MAX_LENGTH; k++) POWERS[k] = Math.imul(POWERS[k - 1]!, BASE);

function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, BASE) + s.charCodeAt(i)) | 0;
  return h;
}

/** Lists of T (words, or the corrector's word numbers) filed under each key. */
export class DeleteIndex<T = string> {
  /** Per slot, its key's hash with the lowest bit set (0: an empty slot). A look-up reads this array
   * alone until the tags agree: most deletes are filed nowhere, and their probe ends at an empty
   * slot without reading the (twice as large) array of keys. */
  private readonly hashes: Int32Array;
  private readonly keys: (string | undefined)[];
  private readonly lists: T[][];
  private readonly mask: number;
  /** One bit per value of a hash's upper FILTER_BITS bits, set for every key's hash: a delete whose
   * bit is clear is filed nowhere. The filter (128 KB) stays in the processor's caches, where the
   * slots of a random delete mostly are not; most deletes of a misspelled word are filed nowhere. */
  private readonly filter = new Int32Array(1 << (FILTER_BITS - 5));
  /** prefix[k]: hash of the first k letters of the word being looked up. */
  private readonly prefix = new Int32Array(MAX_LENGTH + 1);

  constructor(entries: ReadonlyMap<string, T[]>) {
    let size = 16;
    while (size < entries.size * 2) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.keys = new Array(size).fill(undefined);
    this.lists = new Array(size);
    for (const [key, list] of entries) {
      const h = hashOf(key);
      let slot = h & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.hashes[slot] = h | 1;
      this.filter[h >>> (37 - FILTER_BITS)]! |= filterBit(h);
      this.keys[slot] = key;
      this.lists[slot] = list;
    }
  }

  /** Words filed under `word` minus the letters at `a` and `b` (-1: none), e.g. (w, 2, -1) deletes w[2]. */
  private find(word: string, a: number, b: number): T[] | undefined {
    const n = word.length;
    const p = this.prefix;
    let h: number;
    if (a < 0) h = p[n]!;
    else if (b < 0) h = (Math.imul(p[a]!, POWERS[n - 1 - a]!) + partHash(p, a + 1, n)) | 0;
    else h = (Math.imul(p[a]!, POWERS[n - 2 - a]!) + Math.imul(partHash(p, a + 1, b), POWERS[n - 1 - b]!) + partHash(p, b + 1, n)) | 0;
    const length = n - (a < 0 ? 0 : b < 0 ? 1 : 2);
    if ((this.filter[h >>> (37 - FILTER_BITS)]! & filterBit(h)) === 0) return undefined;
    const tag = h | 1;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const t = this.hashes[slot]!;
      if (t === 0) return undefined;
      if (t !== tag) continue;
      const key = this.keys[slot]!;
      if (key.length === length && sameWithout(key, word, a, b)) return this.lists[slot];
    }
  }

  /**
   * Calls `visit` with the words filed under each key in the order the corrector has always read
   * them: the word, its one-letter deletes left to right, then (depth 2) the deletes of each of
   * those, left to right. A key reached again by a different letter or pair of letters ("aab"
   * minus either "a") is visited again; the caller skips words it has seen.
   */
  visit(word: string, depth: number, visit: (words: T[]) => void): void {
    const n = word.length;
    if (n > MAX_LENGTH) throw new Error(`DeleteIndex: words up to ${MAX_LENGTH} letters`);
    for (let k = 0; k < n; k++) this.prefix[k + 1] = (Math.imul(this.prefix[k]!, BASE) + word.charCodeAt(k)) | 0;
    let list = this.find(word, -1, -1);
    if (list) visit(list);
    if (depth < 1) return;
    for (let i = 0; i < n; i++) {
      list = this.find(word, i, -1);
      if (list) visit(list);
    }
    if (depth < 2) return;
    // Deleting letter j of (word minus letter i) deletes letters j and i of the word when j < i,
    // else letters i and j + 1. Each pair j < i was already reached at i' = j, j' = i - 1, earlier
    // in this order, and a second visit finds only words the caller has measured: they are skipped,
    // half of the look-ups of a long word.
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n - 1; j++) {
        list = this.find(word, i, j + 1);
        if (list) visit(list);
      }
    }
  }
}

/** A hash's bit in its filter word: the filter's index is the hash's upper FILTER_BITS bits, of which
 * the upper FILTER_BITS - 5 choose the word and the next five this bit. */
function filterBit(h: number): number {
  return 1 << ((h >>> (32 - FILTER_BITS)) & 31);
}

/** hash(word[from, to)) = prefix[to] - prefix[from] * BASE^(to - from), from the word's prefix hashes
 * (a function, not a closure made per look-up: a correction makes about a hundred look-ups). */
function partHash(prefix: Int32Array, from: number, to: number): number {
  return (prefix[to]! - Math.imul(prefix[from]!, POWERS[to - from]!)) | 0;
}

/** True when `key` is `word` without the letters at `a` and `b` (-1: none). */
function sameWithout(key: string, word: string, a: number, b: number): boolean {
  let k = 0;
  for (let i = 0; i < word.length; i++) {
    if (i === a || i === b) continue;
    if (key.charCodeAt(k++) !== word.charCodeAt(i)) return false;
  }
  return true;
}

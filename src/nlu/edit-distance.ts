// The edit distance spelling correction ranks candidates by: natural's DamerauLevenshteinDistance
// (unrestricted transpositions, every edit costing 1), computed step for step the same way but in
// one reused integer table. natural's version builds an object per table cell and a list of
// candidate parents per cell; on a long message that was the largest cost of spelling
// correction. Its quirks are kept on purpose (the last row of a letter is updated inside the row,
// so a "transposition" can cost less than a true one): corrections must not change, and
// test/nlu/edit-distance.test.ts checks this function against natural's on random words.

let table = new Int32Array(0);
/** Letter (UTF-16 code unit, as natural indexes strings) -> the last row it was seen in (0: not
 * yet); an array for ASCII letters, a map for the rest. */
const lastRowAscii = new Int32Array(128);
const lastRowOther = new Map<number, number>();

export function damerauLevenshtein(source: string, target: string): number {
  const rows = source.length;
  const cols = target.length;
  const width = cols + 1;
  if (table.length < (rows + 1) * width) table = new Int32Array((rows + 1) * width * 2);
  const d = table;
  for (let r = 0; r <= rows; r++) d[r * width] = r;
  for (let c = 1; c <= cols; c++) d[c] = c;
  lastRowAscii.fill(0);
  lastRowOther.clear();
  for (let r = 1; r <= rows; r++) {
    // 0: no column of this row has matched yet (natural's null).
    let lastCol = 0;
    const s = source.charCodeAt(r - 1);
    for (let c = 1; c <= cols; c++) {
      const t = target.charCodeAt(c - 1);
      let cost = d[r * width + c - 1]! + 1;
      const deletion = d[(r - 1) * width + c]! + 1;
      if (deletion < cost) cost = deletion;
      const substitution = d[(r - 1) * width + c - 1]! + (s === t ? 0 : 1);
      if (substitution < cost) cost = substitution;
      const seenRow = t < 128 ? lastRowAscii[t]! : (lastRowOther.get(t) ?? 0);
      if (r > 1 && c > 1 && lastCol !== 0 && seenRow !== 0) {
        const transposition = d[(seenRow - 1) * width + lastCol - 1]! + (r - seenRow - 1) + (c - lastCol - 1) + 1;
        if (transposition < cost) cost = transposition;
      }
      d[r * width + c] = cost;
      if (s < 128) lastRowAscii[s] = r;
      else lastRowOther.set(s, r);
      if (s === t) lastCol = c;
    }
  }
  return d[rows * width + cols]!;
}

// Proves a held-out set is independent of the training corpus: no shared line and no near-duplicate
// (token Jaccard at or above a limit). Tokens are the normaliser's lower-case words.
import type { Normalizer } from './normalize';

export interface Overlap {
  heldout: string;
  training: string;
  jaccard: number;
}

export const NEAR_DUPLICATE = 0.8;

export function findOverlaps(heldout: string[], training: string[], normalizer: Normalizer, limit = NEAR_DUPLICATE): Overlap[] {
  const sets = training.map((t) => new Set(normalizer.tokens(t)));
  // An inverted index keeps the comparison to lines that share at least one word.
  const byWord = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const w of set) (byWord.get(w) ?? byWord.set(w, []).get(w)!).push(i);
  });
  const out: Overlap[] = [];
  for (const text of heldout) {
    const mine = new Set(normalizer.tokens(text));
    const shared = new Map<number, number>();
    for (const w of mine) for (const i of byWord.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    for (const [i, common] of shared) {
      const jaccard = common / (mine.size + sets[i]!.size - common);
      if (jaccard >= limit || text.trim().toLowerCase() === training[i]!.trim().toLowerCase()) {
        out.push({ heldout: text, training: training[i]!, jaccard: Math.round(jaccard * 1000) / 1000 });
      }
    }
  }
  return out;
}

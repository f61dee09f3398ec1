// Deterministic stratified k-fold split: every intent is spread over all folds.
import type { LabelledText } from '../shared/types';

export function stratifiedFolds(examples: LabelledText[], k: number): LabelledText[][] {
  const folds: LabelledText[][] = Array.from({ length: k }, () => []);
  const byIntent = new Map<string, LabelledText[]>();
  for (const e of examples) {
    const list = byIntent.get(e.intent) ?? [];
    list.push(e);
    byIntent.set(e.intent, list);
  }
  let offset = 0;
  for (const list of byIntent.values()) {
    list.forEach((e, i) => folds[(i + offset) % k]!.push(e));
    offset++;
  }
  return folds;
}

// The one cause model: the `decision` rules of domain.yaml. The chat asks or diagnoses from them;
// agent triage ranks every cause from the same rules, so both always name the same top cause.
import { CAUSES, type Cause, type QuestionId, type Slots } from '../shared/types';
import type { Condition, DecisionRule, Domain } from './types';

export type Decision = { kind: 'cause'; cause: Cause; confidence: number; variant: string | null } | { kind: 'ask'; question: QuestionId };

/** Every fact of the condition is known and has one of the listed values. */
export function holds(when: Condition, s: Slots): boolean {
  for (const slot in when) {
    const v = s[slot];
    if (v === undefined || !when[slot]!.includes(v)) return false;
  }
  return true;
}

/** No known fact contradicts the condition (unknown facts could still turn out to fit). */
function possible(when: Condition, s: Slots): boolean {
  for (const slot in when) {
    const v = s[slot];
    if (v !== undefined && !when[slot]!.includes(v)) return false;
  }
  return true;
}

function firstUnasked(d: Domain, rule: Extract<DecisionRule, { kind: 'ask' }>, s: Slots, asked: readonly QuestionId[]): QuestionId | null {
  for (const q of rule.ask) if (s[d.questions.get(q)!.slot] === undefined && !asked.includes(q)) return q;
  return null;
}

/** The cause, or the single most useful question still worth asking. */
export function decide(d: Domain, s: Slots, asked: readonly QuestionId[]): Decision {
  for (const rule of d.decision) {
    if (!holds(rule.when, s)) continue;
    if (rule.kind === 'cause') return { kind: 'cause', cause: rule.cause, confidence: rule.confidence, variant: rule.variant };
    const q = firstUnasked(d, rule, s, asked);
    if (q) return { kind: 'ask', question: q };
  }
  // Unreachable: the schema requires a last cause entry that always holds.
  throw new Error(`${d.file}: decision: no entry decided`);
}

/** The chat's decision once nothing is left to ask: the best guess from these facts alone. */
export function finalCause(d: Domain, s: Slots): { cause: Cause; confidence: number; variant: string | null } {
  const decision = decide(d, s, [...d.questions.keys()]);
  if (decision.kind !== 'cause') throw new Error('unreachable: every question was asked');
  return decision;
}

/** Every question still worth asking, most useful first (for agents triaging a ticket). */
export function openQuestions(d: Domain, s: Slots): QuestionId[] {
  const out: QuestionId[] = [];
  for (let i = 0; i < d.questions.size; i++) {
    const next = decide(d, s, out);
    if (next.kind !== 'ask') break;
    out.push(next.question);
  }
  return out;
}

/** A cause no rule can still give keeps a little weight, so every cause is listed. */
const FLOOR = 0.02;

/**
 * Every cause ranked: the top one and its confidence are the rules' decision; the rest of the
 * probability is shared by the other causes in proportion to the best confidence a rule could
 * still give them (unknown facts may yet fit), never more than the top cause.
 */
export function rankCauses(d: Domain, s: Slots): { cause: Cause; confidence: number }[] {
  const top = finalCause(d, s);
  const weight = new Map<Cause, number>(CAUSES.filter((c) => c !== top.cause).map((c) => [c, FLOOR]));
  for (const rule of d.decision) {
    if (rule.kind !== 'cause' || rule.cause === top.cause || !possible(rule.when, s)) continue;
    weight.set(rule.cause, Math.max(weight.get(rule.cause)!, rule.confidence));
  }
  const share = spread(1 - top.confidence, weight, top.confidence);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const ranked = [{ cause: top.cause, confidence: round(top.confidence) }, ...[...share].map(([cause, p]) => ({ cause, confidence: round(p) }))];
  // Stable: on a tie the decided cause stays first.
  return ranked.sort((a, b) => b.confidence - a.confidence);
}

/** Shares `mass` in proportion to the weights, capping each share (water-filling). */
function spread(mass: number, weights: Map<Cause, number>, cap: number): Map<Cause, number> {
  const out = new Map<Cause, number>();
  let open = [...weights.keys()];
  while (open.length) {
    const total = open.reduce((sum, c) => sum + weights.get(c)!, 0);
    const over = open.filter((c) => (mass * weights.get(c)!) / total > cap);
    if (over.length === 0) {
      for (const c of open) out.set(c, (mass * weights.get(c)!) / total);
      break;
    }
    for (const c of over) out.set(c, cap);
    mass -= cap * over.length;
    open = open.filter((c) => !over.includes(c));
  }
  return out;
}

/** Facts that support a cause: they satisfy a condition of a rule for it that the facts allow. */
export function supportingFacts(d: Domain, cause: Cause, s: Slots): string[] {
  const out = new Set<string>();
  for (const rule of d.decision) {
    if (rule.kind !== 'cause' || rule.cause !== cause || !possible(rule.when, s)) continue;
    for (const slot in rule.when) if (s[slot] !== undefined) out.add(slot);
  }
  return [...out];
}

// Facts implied by the matched intents ("every network" → inform_all_networks → scope=all), with the
// domain's special rules applied once for chat and triage alike: the confidence floor, a stated
// fact that rules the intent out (travel vs a named location), and the negation veto.
import type { Domain } from '../domain/types';
import type { IntentName, IntentScore, SlotValue, Slots } from '../shared/types';

export interface ImpliedFact {
  slot: string;
  value: SlotValue;
  intent: IntentName;
}

export function impliedFacts(d: Domain, intents: IntentScore[], text: string, stated: Slots): ImpliedFact[] {
  const out: ImpliedFact[] = [];
  for (const { intent, confidence } of intents) {
    for (const slot of d.slots) {
      for (const fill of slot.fromIntent) {
        if (fill.intent !== intent || confidence < fill.minConfidence) continue;
        if (fill.unlessStated.some((s) => stated[s] !== undefined)) continue;
        if (fill.vetoOnNegation && d.negation.test(text)) continue;
        out.push({ slot: slot.name, value: fill.value, intent });
      }
    }
  }
  return out;
}

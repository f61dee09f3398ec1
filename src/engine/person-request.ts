// Whether a message asks for a person. The matcher's request_human intent also fires on a bare
// "pls help", which every worried user writes; handing those off would skip the diagnosis, so a
// request must also name a person or a way to reach one (intents/lexicon/slots.yaml `person.named`,
// with each language's words in intents/lexicon/<code>/slots.yaml).
import type { Domain } from '../domain/types';
import type { IntentScore } from './types';

export function mentionsPerson(d: Domain, text: string): boolean {
  const sample = text.slice(0, 2000);
  return (d.lexicon.patterns.get('person.named') ?? []).some((re) => re.test(sample));
}

/** A clear request for a person: the matcher reads request_human (at least `minConfidence`) and the text names someone to talk to. */
export function asksForPerson(d: Domain, text: string, intents: IntentScore[], minConfidence: number): boolean {
  return mentionsPerson(d, text) && intents.some((i) => i.intent === 'request_human' && i.confidence >= minConfidence);
}

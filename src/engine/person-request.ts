// Whether a message asks for a person. The matcher's request_human intent also fires on a bare
// "pls help", which every worried user writes; handing those off would skip the diagnosis, so a
// request must also name a person or a way to reach one.
import type { IntentScore } from './types';

const PERSON =
  /\b(?:human|person|people|agent|someone|somebody|some one|representative|rep|staff|support|operator|live|call|real|man|woman|team|employee|admin|manager|talk|speak|contact|escalat\w*|customer service|supervisor)\b/i;

export function mentionsPerson(text: string): boolean {
  return PERSON.test(text.slice(0, 2000));
}

/** A clear request for a person: the matcher reads request_human (at least `minConfidence`) and the text names someone to talk to. */
export function asksForPerson(text: string, intents: IntentScore[], minConfidence: number): boolean {
  return mentionsPerson(text) && intents.some((i) => i.intent === 'request_human' && i.confidence >= minConfidence);
}

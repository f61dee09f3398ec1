// Recognises requests for the two overview texts that have no intent of their own: the list of
// causes and the symptom table ("how do I tell which kind of lock it is?").
import type { Knowledge } from '../knowledge/load';
import type { InfoKey } from './ids';

const REQUESTS: [InfoKey, RegExp][] = [
  [
    'symptom_table',
    /\b(?:symptoms?(?: table)?|tell (?:them|it|the (?:causes|kinds|types|cases)) apart|tell the difference between the causes|(?:how|which way) (?:do|can|could) (?:i|you|we) (?:know|tell|identify|figure out|find out|see) (?:which|what) (?:kind|type|sort|one|cause)|identify(?:ing)? the (?:type|kind) of (?:restriction|lock)|types? of restriction)\b/i,
  ],
  [
    'causes_overview',
    /\b(?:(?:all|every|the) (?:the )?(?:possible |different |main )?(?:causes|reasons)(?: (?:for|of) (?:a |the )?region lock\w*)?\??$|possible causes|list (?:of )?(?:all )?(?:the )?(?:causes|reasons)|what (?:are|could be) (?:all )?the (?:possible )?(?:causes|reasons)|causes of (?:a |the )?region lock\w*)/i,
  ],
];

/** A typed request for the symptom table or the list of causes (picked ones are decoded in ids.ts). */
export function infoRequest(text: string): InfoKey | null {
  const sample = text.slice(0, 300);
  for (const [key, pattern] of REQUESTS) if (pattern.test(sample)) return key;
  return null;
}

/** A typed or suggested text that is an overview's option label in the conversation's language. */
export function infoLabel(k: Knowledge | undefined, text: string): InfoKey | null {
  const said = text.trim();
  if (!k || !said) return null;
  if (said === k.ui.option_symptom_table) return 'symptom_table';
  if (said === k.ui.option_causes_overview) return 'causes_overview';
  return null;
}

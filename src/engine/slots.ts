// Fills diagnosis slots from any message, form-style, with the `extract` rules of the domain
// (patterns in intents/lexicon/slots.yaml). Returns the phrases that matched as evidence (used by
// triage and hand-off summaries).
import type { Domain } from '../domain/types';
import type { Slots } from '../shared/types';
import { isQuestion } from '../nlu/clauses';

export type SlotEvidence = Record<string, string[]>;

export interface Extraction {
  slots: Slots;
  evidence: SlotEvidence;
  /** Countries named in the message, classified (used to answer a pending question). */
  countries: { restricted: boolean; name: string }[];
}

const QUESTION_START =
  /^(?:will|would|can|could|should|does|do|did|is|are|am|how|what|why|when|where|which|if|may|might|shall|(?:was|were|has|have|had) (?:my|i|it|the|this|your|you|they|we|he|she)\b)\b/;
/** Comparisons ("region lock vs account frozen", "和冻结有什么区别") describe the two things, not the
 * user's account: the patterns are intents/lexicon/slots.yaml's `sentence.comparison`. */
/** Other languages' questions without a question mark ("出差会导致限制吗"): `sentence.question`. */
const asking = (d: Domain, text: string) => (d.lexicon.patterns.get('sentence.question') ?? []).some((re) => re.test(text));
/** "Are you a bot?" on its own (`sentence.about_bot`): who is answering, not a request for a person. */
export const asksAboutBot = (d: Domain, text: string) => (d.lexicon.patterns.get('sentence.about_bot') ?? []).some((re) => re.test(text.trim()));
/** "and deposits?" right after an answer (`sentence.follow_up`): it leans on the question before it. */
export const isFollowUp = (d: Domain, text: string) => (d.lexicon.patterns.get('sentence.follow_up') ?? []).some((re) => re.test(text.trim()));
const comparing = (d: Domain, text: string) => (d.lexicon.patterns.get('sentence.comparison') ?? []).some((re) => re.test(text));

/** Lower-cases and evens out apostrophes so the patterns see one spelling. */
function prepare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\bcan'?t\b|\bcannot\b/g, 'can not')
    .replace(/\bwon'?t\b/g, 'will not')
    .replace(/\b(do|does|did|have|has|had|is|was|were|are|could|would|should)n'?t\b/g, '$1 not')
    .replace(/\s+/g, ' ');
}

/** True for "region lock vs frozen, what's the difference": facts named there are not the user's. */
export function isComparison(d: Domain, text: string): boolean {
  return comparing(d, prepare(text.slice(0, 2000)));
}

function sentences(d: Domain, text: string): { text: string; question: boolean }[] {
  return (
    text
      // Sentence ends, and a comma before a question ("can not log in at all, what should i do?").
      .split(/(?<=[.!?;\n])\s+|\s*\n+\s*|,\s*(?=(?:what|how|why|can|could|should|will|would|is|are|do|does)\b)/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => ({ text: s, question: s.endsWith('?') || QUESTION_START.test(s) || isQuestion(s) || comparing(d, s) || asking(d, s) }))
  );
}

/** True when some sentence of the message asks something, in any language the lexicon knows ("so what should I do now?", "出差会导致限制吗"). */
export function asksSomething(d: Domain, rawText: string): boolean {
  return sentences(d, prepare(rawText.slice(0, 2000))).some((s) => s.question);
}

/** True when the message asks nothing and one of its sentences matches `patterns` (domain.faq_vetoes). */
export function statesWithoutAsking(d: Domain, rawText: string, patterns: RegExp[]): boolean {
  const parts = sentences(d, prepare(rawText.slice(0, 2000)));
  return !parts.some((s) => s.question) && parts.some((s) => firstMatch(patterns, s.text) !== null);
}

function firstMatch(list: RegExp[], text: string): string | null {
  for (const re of list) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

/**
 * Reads slot values from a message. `words` are the matcher's corrected words, so typos such as
 * "evry netwrok" still count. Later sentences win over earlier ones (corrections), and within a
 * sentence later `extract` rules of a slot win over earlier ones.
 */
export function extractSlots(domain: Domain, rawText: string, words: string[] = []): Extraction {
  const lx = domain.lexicon;
  const slots: Slots = {};
  const evidence: SlotEvidence = {};
  const texts = sentences(domain, prepare(rawText.slice(0, 5000)));
  const corrected = words.join(' ');
  if (corrected && !texts.some((t) => t.text.includes(corrected)))
    texts.push({
      text: corrected,
      question: /[?？]\s*$/.test(rawText) || QUESTION_START.test(corrected) || comparing(domain, corrected) || asking(domain, corrected),
    });

  for (const { text, question } of texts) {
    for (const slot of domain.slots) {
      for (const rule of slot.extract) {
        // Travel, recovery, a VPN or a failed login named in a question are not the user's facts.
        if (rule.statementsOnly && question) continue;
        const phrase = firstMatch(rule.patterns, text);
        if (phrase === null || firstMatch(rule.unless, text) !== null) continue;
        // A later value replaces the earlier one, and so does its evidence: only phrases for the
        // value kept are quoted ("verified with China but live in Germany" is not KYC evidence).
        if (slots[slot.name] !== undefined && slots[slot.name] !== rule.value) evidence[slot.name] = [];
        slots[slot.name] = rule.value;
        (evidence[slot.name] ??= []).push(phrase.trim());
      }
    }
  }

  // A phrase that gave both facts (the same words, or words inside the kept fact's phrase) is the kept fact's.
  for (const { keep, drop } of domain.overlaps) {
    const [keepSlot, keepValue] = keep;
    const [dropSlot, dropValue] = drop;
    if (slots[keepSlot] === keepValue && slots[dropSlot] === dropValue && evidence[dropSlot]?.every((p) => evidence[keepSlot]?.some((k) => k.includes(p)))) {
      delete slots[dropSlot];
      delete evidence[dropSlot];
    }
  }

  const countries: Extraction['countries'] = [];
  const seen = new Set<string>();
  for (const m of prepare(rawText.slice(0, 5000)).matchAll(lx.countryPattern)) {
    const said = m[0].toLowerCase().replace(/\s+/g, ' ');
    const name = lx.countryNames.get(said) ?? said;
    if (seen.has(name)) continue;
    seen.add(name);
    countries.push({ name, restricted: lx.restricted.includes(name) });
  }
  return { slots, evidence, countries };
}

// Loads intents/dialogue/domain.yaml (validated with zod, checked against the lexicon) once, for
// the engine, triage and tests to share. `dir` is an intents/ folder, so a test can load a copy.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LANGUAGE, loadLanguageTable } from '../language/languages';
import { INTENTS_DIR } from '../paths';
import { domainSchema, UNSURE } from './schema';
import { loadLexicon } from './lexicon';
import { readYaml, DataFileError } from '../shared/yaml-file';
import type { Domain, QuestionDef, SlotDef } from './types';
import type { SlotValue } from '../shared/types';

export { DataFileError as DomainError };

export function loadDomain(dir = INTENTS_DIR): Domain {
  // Every language's slot patterns in one domain: a fact reads the same whichever language states it.
  const overlays = (existsSync(join(dir, 'languages.yaml')) ? [...loadLanguageTable(dir).languages.keys()] : [])
    .filter((code) => code !== DEFAULT_LANGUAGE)
    .map((code) => join(dir, 'lexicon', code, 'slots.yaml'))
    .filter((f) => existsSync(f));
  const lexicon = loadLexicon(join(dir, 'lexicon', 'slots.yaml'), overlays);
  const file = join(dir, 'dialogue', 'domain.yaml');
  const d = readYaml(file, domainSchema(new Set(lexicon.patterns.keys())));
  const pat = (key: string | undefined) => (key === undefined ? [] : lexicon.patterns.get(key)!);
  const slots: SlotDef[] = Object.entries(d.slots).map(([name, s]) => {
    const question: QuestionDef | null = s.question
      ? {
          id: s.question.id,
          slot: name,
          options: s.question.options.map((o) => ({ id: o.id, question: s.question!.id, slot: name, value: o.value, intent: o.intent })),
          yesNo: s.question.yes_no,
          ...(s.question.country ? { country: s.question.country } : {}),
        }
      : null;
    return {
      name,
      values: s.question ? [...s.values, UNSURE] : s.values,
      extract: s.extract.map((e) => ({ value: e.value, patterns: pat(e.patterns), unless: pat(e.unless), statementsOnly: e.statements_only })),
      fromIntent: s.from_intent.map((f) => ({
        intent: f.intent,
        value: f.value,
        minConfidence: f.min_confidence,
        unlessStated: f.unless_stated,
        vetoOnNegation: f.veto_on_negation,
      })),
      question,
      summary: s.summary,
    };
  });
  const questions = new Map(slots.flatMap((s) => (s.question ? [[s.question.id, s.question] as const] : [])));
  const one = (facts: Record<string, SlotValue>): [string, SlotValue] => Object.entries(facts)[0]!;
  const list = (v: SlotValue | SlotValue[]) => (Array.isArray(v) ? v : [v]);
  let negation: RegExp;
  try {
    negation = new RegExp(d.negation, 'i');
  } catch (err) {
    throw new DataFileError(`${file}: entry negation: ${(err as Error).message}`);
  }
  return {
    file,
    thresholds: d.thresholds,
    limits: d.limits,
    diagnosisStarters: new Set(d.diagnosis_starters),
    causeAnswers: d.cause_answers,
    fromEntities: d.from_entities,
    negation,
    faqVetoes: d.faq_vetoes.map((v) => ({ intent: v.intent, patterns: pat(v.patterns) })),
    faqVariants: d.faq_variants.map((v) => ({
      intent: v.intent,
      when: Object.fromEntries(Object.entries(v.when).map(([k, x]) => [k, list(x)])),
      variant: v.variant,
    })),
    yesNoIntents: d.yes_no_intents,
    slots,
    slot: new Map(slots.map((s) => [s.name, s])),
    questions,
    options: new Map([...questions.values()].flatMap((q) => q.options.map((o) => [o.id, o] as const))),
    overlaps: d.overlaps.map((o) => ({ keep: one(o.keep), drop: one(o.drop) })),
    decision: d.decision.map((e) => {
      const when = Object.fromEntries(Object.entries(e.when).map(([k, v]) => [k, list(v)]));
      return e.cause !== undefined
        ? { kind: 'cause', when, cause: e.cause, confidence: e.confidence!, variant: e.variant ?? null }
        : { kind: 'ask', when, ask: e.ask! };
    }),
    lexicon,
  };
}

// The zod schema of intents/dialogue/domain.yaml. Cross-references (lexicon keys, slot values,
// question ids, intents, causes) are checked here too, so an error names the entry at fault.
import { z } from 'zod';
import { CAUSES, INTENTS } from '../shared/types';
import { RESERVED_OPTION_PREFIXES } from '../shared/option-prefixes';

const value = z.union([z.string().min(1), z.boolean()]);
const probability = z.number().gt(0).lte(1);

const extractSchema = z.object({
  value,
  patterns: z.string().min(1),
  unless: z.string().min(1).optional(),
  statements_only: z.boolean().default(false),
});

const fromIntentSchema = z.object({
  intent: z.enum(INTENTS),
  value,
  min_confidence: probability,
  unless_stated: z.array(z.string()).default([]),
  veto_on_negation: z.boolean().default(false),
});

const questionSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'question ids are lower-case words joined by _')
    .refine((id) => !(RESERVED_OPTION_PREFIXES as readonly string[]).includes(id), 'this id is reserved for other option ids (src/engine/ids.ts)'),
  options: z.array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*:[a-z0-9_]+$/), value, intent: z.enum(INTENTS) })).min(2),
  yes_no: z.object({ yes: value.optional(), no: value.optional(), unsure: value.optional() }).default({}),
  country: z.object({ restricted: value, supported: value }).optional(),
});

const slotSchema = z.object({
  values: z.array(value).min(1),
  extract: z.array(extractSchema).default([]),
  from_intent: z.array(fromIntentSchema).default([]),
  question: questionSchema.optional(),
  summary: z.record(z.string(), z.string().min(1)),
});

const condition = z.record(z.string(), z.union([value, z.array(value).min(1)]));
const decisionSchema = z
  .object({
    when: condition.default({}),
    cause: z.enum(CAUSES).optional(),
    confidence: probability.optional(),
    /** Which wording of the cause fits (a traveller, a resident, a server): causes.yaml `variants`. */
    variant: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
    ask: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const isCause = e.cause !== undefined || e.confidence !== undefined;
    if (isCause === (e.ask !== undefined)) ctx.addIssue({ code: 'custom', message: 'an entry has either `cause` and `confidence`, or `ask`' });
    else if (isCause && (e.cause === undefined || e.confidence === undefined))
      ctx.addIssue({ code: 'custom', message: 'a cause entry needs both `cause` and `confidence`' });
  });

export const UNSURE = 'unsure';

/** The schema, given the pattern keys the lexicon defines ("scope.one", …). */
export function domainSchema(lexiconKeys: Set<string>) {
  return z
    .object({
      thresholds: z.object({
        min_intent_confidence: probability,
        faq_min_confidence: probability,
        yes_no_min_confidence: probability,
        handoff_min_confidence: probability,
        follow_up_confidence: probability,
        triage_confident: probability,
        diagnosis_certain: probability,
      }),
      limits: z.object({
        max_text_chars: z.number().int().positive(),
        remembered_user_words: z.number().int().positive(),
        faq_answers_per_turn: z.number().int().positive(),
        option_reply_words: z.number().int().positive(),
        unsure_before_quick_test: z.number().int().positive(),
      }),
      // Intents that describe the lock itself: they start (or continue) the diagnosis.
      diagnosis_starters: z.array(z.enum(INTENTS)).min(1),
      // After a diagnosis these questions are answered for the diagnosed cause (a field of causes.yaml).
      cause_answers: z.partialRecord(z.enum(INTENTS), z.enum(['processing_time', 'reactivation', 'resolution'])).default({}),
      // Slots filled by an entity the matcher found (turn.entities), e.g. an API error means an API user.
      from_entities: z.array(z.object({ entity: z.string().min(1), slot: z.string(), value })).default([]),
      negation: z.string().min(1),
      // A statement matching these patterns does not ask that FAQ ("I'm not using any VPN").
      faq_vetoes: z.array(z.object({ intent: z.enum(INTENTS), patterns: z.string().min(1) })).default([]),
      // An FAQ answer worded for the case the facts show (answers.yaml `variants`); the first that holds.
      faq_variants: z.array(z.object({ intent: z.enum(INTENTS), when: condition, variant: z.string().regex(/^[a-z][a-z0-9_]*$/) }).strict()).default([]),
      yes_no_intents: z.partialRecord(z.enum(INTENTS), z.enum(['yes', 'no', 'unsure'])),
      slots: z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'slot names are camelCase'), slotSchema),
      overlaps: z.array(z.object({ keep: z.record(z.string(), value), drop: z.record(z.string(), value) })).default([]),
      decision: z.array(decisionSchema).min(1),
    })
    .superRefine((d, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      const valuesOf = new Map<string, SlotValue[]>();
      const questions = new Set<string>();
      d.faq_vetoes.forEach((v, i) => {
        if (!lexiconKeys.has(v.patterns)) issue(['faq_vetoes', i, 'patterns'], `no lexicon patterns "${v.patterns}" in intents/lexicon/slots.yaml`);
      });
      for (const [name, slot] of Object.entries(d.slots)) {
        const values = slot.question ? [...slot.values, UNSURE] : slot.values;
        valuesOf.set(name, values);
        if (slot.values.includes(UNSURE)) issue(['slots', name, 'values'], `"${UNSURE}" is implied by a question; do not list it`);
        const known = (v: SlotValue, path: (string | number)[]) => {
          if (!values.includes(v)) issue(path, `${JSON.stringify(v)} is not a value of ${name} (${values.map((x) => JSON.stringify(x)).join(', ')})`);
        };
        slot.extract.forEach((e, i) => {
          known(e.value, ['slots', name, 'extract', i, 'value']);
          for (const key of [e.patterns, e.unless]) {
            if (key !== undefined && !lexiconKeys.has(key)) issue(['slots', name, 'extract', i], `no lexicon patterns "${key}" in intents/lexicon/slots.yaml`);
          }
        });
        slot.from_intent.forEach((f, i) => known(f.value, ['slots', name, 'from_intent', i, 'value']));
        for (const v of values) if (slot.summary[String(v)] === undefined) issue(['slots', name, 'summary'], `needs a text for ${JSON.stringify(v)}`);
        if (slot.question) {
          const q = slot.question;
          if (questions.has(q.id)) issue(['slots', name, 'question', 'id'], `question ${q.id} is used twice`);
          questions.add(q.id);
          q.options.forEach((o, i) => {
            if (!o.id.startsWith(`${q.id}:`)) issue(['slots', name, 'question', 'options', i, 'id'], `must start with "${q.id}:"`);
            known(o.value, ['slots', name, 'question', 'options', i, 'value']);
          });
          for (const [k, v] of Object.entries(q.yes_no)) if (v !== undefined) known(v, ['slots', name, 'question', 'yes_no', k]);
          if (q.country) for (const [k, v] of Object.entries(q.country)) known(v, ['slots', name, 'question', 'country', k]);
        }
      }
      const checkFacts = (facts: Record<string, unknown>, path: (string | number)[]) => {
        for (const [slot, v] of Object.entries(facts)) {
          const values = valuesOf.get(slot);
          if (!values) issue([...path, slot], `no slot ${slot}`);
          else
            for (const x of Array.isArray(v) ? v : [v])
              if (!values.includes(x as SlotValue)) issue([...path, slot], `${JSON.stringify(x)} is not a value of ${slot}`);
        }
      };
      for (const [name, slot] of Object.entries(d.slots)) {
        slot.from_intent.forEach((f, i) =>
          f.unless_stated.forEach((s) => valuesOf.has(s) || issue(['slots', name, 'from_intent', i, 'unless_stated'], `no slot ${s}`)),
        );
      }
      d.overlaps.forEach((o, i) => {
        checkFacts(o.keep, ['overlaps', i, 'keep']);
        checkFacts(o.drop, ['overlaps', i, 'drop']);
      });
      d.from_entities.forEach((f, i) => checkFacts({ [f.slot]: f.value }, ['from_entities', i]));
      d.faq_variants.forEach((v, i) => checkFacts(v.when, ['faq_variants', i, 'when']));
      d.decision.forEach((entry, i) => {
        checkFacts(entry.when, ['decision', i, 'when']);
        if (entry.variant !== undefined && entry.cause === undefined) issue(['decision', i, 'variant'], 'only a cause entry has a variant');
        if (entry.ask) entry.ask.forEach((q, j) => questions.has(q) || issue(['decision', i, 'ask', j], `no question ${q}`));
      });
      const last = d.decision[d.decision.length - 1]!;
      if (last.cause === undefined || Object.keys(last.when).length > 0)
        issue(['decision', d.decision.length - 1], 'the last entry must be a cause without `when`, so every case ends in a cause');
      for (const cause of CAUSES) if (!d.decision.some((e) => e.cause === cause)) issue(['decision'], `no entry gives cause ${cause}`);
    });
}

type SlotValue = string | boolean;
export type DomainFile = z.infer<ReturnType<typeof domainSchema>>;

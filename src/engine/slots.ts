// Fills diagnosis slots from any message, form-style, using the patterns in intents/lexicon/slots.yaml.
// Returns the phrases that matched as evidence (used by triage and hand-off summaries).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS_DIR } from '../paths';
import type { Slots } from './state';

type SlotName = keyof Slots;
export type SlotEvidence = Partial<Record<SlotName, string[]>>;

export interface Extraction {
  slots: Partial<Slots>;
  evidence: SlotEvidence;
  /** Countries named in the message, classified (used to answer a pending question). */
  countries: { restricted: boolean; name: string }[];
}

const patterns = z.array(z.string());
const fileSchema = z.object({
  restricted_countries: z.array(z.string()).min(1),
  supported_countries: z.array(z.string()).min(1),
  nationality_words: z.record(z.string(), z.array(z.string())),
  scope: z.object({ all: patterns, one: patterns, negate_one: patterns }),
  kyc_restricted: z.object({ true: patterns, false: patterns }),
  announcement: z.object({ true: patterns, false: patterns }),
  ip_jumps: z.object({ true: patterns, false: patterns }),
  location: z.object({ restricted: patterns, supported: patterns, vpn: patterns }),
  recovered: z.object({ true: patterns }),
  cannot_login: z.object({ true: patterns, false: patterns }),
});

interface Compiled {
  restricted: string[];
  supported: string[];
  countryPattern: RegExp;
  scope: { all: RegExp[]; one: RegExp[]; negateOne: RegExp[] };
  kyc: { yes: RegExp[]; no: RegExp[] };
  announcement: { yes: RegExp[]; no: RegExp[] };
  ipJumps: { yes: RegExp[]; no: RegExp[] };
  location: { restricted: RegExp[]; supported: RegExp[]; vpn: RegExp[] };
  recovered: RegExp[];
  cannotLogin: { yes: RegExp[]; no: RegExp[] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

function compileFile(file: string): Compiled {
  const parsed = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: entry ${issue.path.join('.')}: ${issue.message}`);
  }
  const d = parsed.data;
  const byLength = (list: string[]) => [...new Set(list)].sort((a, b) => b.length - a.length).map(escape).join('|');
  const restrictedNationality = d.restricted_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const supportedNationality = d.supported_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const vars: Record<string, string> = {
    restricted: byLength(d.restricted_countries),
    supported: byLength(d.supported_countries),
    countries: byLength([...d.restricted_countries, ...d.supported_countries]),
    restricted_nationality: byLength(restrictedNationality.length ? restrictedNationality : ['chinese']),
    supported_nationality: byLength(supportedNationality.length ? supportedNationality : ['german']),
  };
  const compile = (list: string[], where: string) =>
    list.map((p) => {
      const source = p.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m);
      try {
        return new RegExp(source, 'i');
      } catch (err) {
        throw new Error(`${file}: ${where}: bad pattern ${p}: ${(err as Error).message}`);
      }
    });
  return {
    restricted: d.restricted_countries,
    supported: d.supported_countries,
    countryPattern: new RegExp(`\\b(?:${vars.countries})\\b`, 'gi'),
    scope: { all: compile(d.scope.all, 'scope.all'), one: compile(d.scope.one, 'scope.one'), negateOne: compile(d.scope.negate_one, 'scope.negate_one') },
    kyc: { yes: compile(d.kyc_restricted.true, 'kyc_restricted.true'), no: compile(d.kyc_restricted.false, 'kyc_restricted.false') },
    announcement: { yes: compile(d.announcement.true, 'announcement.true'), no: compile(d.announcement.false, 'announcement.false') },
    ipJumps: { yes: compile(d.ip_jumps.true, 'ip_jumps.true'), no: compile(d.ip_jumps.false, 'ip_jumps.false') },
    location: {
      restricted: compile(d.location.restricted, 'location.restricted'),
      supported: compile(d.location.supported, 'location.supported'),
      vpn: compile(d.location.vpn, 'location.vpn'),
    },
    recovered: compile(d.recovered.true, 'recovered.true'),
    cannotLogin: { yes: compile(d.cannot_login.true, 'cannot_login.true'), no: compile(d.cannot_login.false, 'cannot_login.false') },
  };
}

let compiled: Compiled | undefined;
function lexicon(): Compiled {
  return (compiled ??= compileFile(join(INTENTS_DIR, 'lexicon', 'slots.yaml')));
}

const QUESTION_START =
  /^(?:will|would|can|could|should|does|do|did|is|are|am|how|what|why|when|where|which|if|may|might|shall|(?:was|were|has|have|had) (?:my|i|it|the|this|your|you|they|we|he|she)\b)\b/;
/** Comparisons ("region lock vs account frozen") describe the two things, not the user's account. */
const COMPARISON = /\b(?:vs\.?|versus|difference|diff)\b/;

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
export function isComparison(text: string): boolean {
  return COMPARISON.test(prepare(text.slice(0, 2000)));
}

function sentences(text: string): { text: string; question: boolean }[] {
  return text
    // Sentence ends, and a comma before a question ("can not log in at all, what should i do?").
    .split(/(?<=[.!?;\n])\s+|\s*\n+\s*|,\s*(?=(?:what|how|why|can|could|should|will|would|is|are|do|does)\b)/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => ({ text: s, question: s.endsWith('?') || QUESTION_START.test(s) || COMPARISON.test(s) }));
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
 * "evry netwrok" still count. Later sentences win over earlier ones (corrections).
 */
export function extractSlots(rawText: string, words: string[] = []): Extraction {
  const lx = lexicon();
  const slots: Partial<Slots> = {};
  const evidence: SlotEvidence = {};
  const note = (slot: SlotName, phrase: string) => (evidence[slot] ??= []).push(phrase.trim());
  const texts = sentences(prepare(rawText.slice(0, 5000)));
  const corrected = words.join(' ');
  if (corrected && !texts.some((t) => t.text.includes(corrected))) texts.push({ text: corrected, question: /\?\s*$/.test(rawText) || QUESTION_START.test(corrected) || COMPARISON.test(corrected) });

  for (const { text, question } of texts) {
    const set = <K extends SlotName>(slot: K, value: Slots[K], phrase: string | null) => {
      if (phrase === null) return;
      slots[slot] = value;
      note(slot, phrase);
    };
    // Scope: "not only on wifi" means every network.
    const all = firstMatch(lx.scope.all, text);
    const one = firstMatch(lx.scope.one, text);
    if (one && !firstMatch(lx.scope.negateOne, text)) set('scope', 'one', one);
    if (all) set('scope', 'all', all);

    const kycNo = firstMatch(lx.kyc.no, text);
    const kycYes = firstMatch(lx.kyc.yes, text);
    set('kycRestricted', false, kycNo);
    set('kycRestricted', true, kycYes);

    set('announcement', true, firstMatch(lx.announcement.yes, text));
    set('announcement', false, firstMatch(lx.announcement.no, text));

    if (!question) {
      set('ipJumps', true, firstMatch(lx.ipJumps.yes, text));
      set('recovered', true, firstMatch(lx.recovered, text));
      set('cannotLogin', true, firstMatch(lx.cannotLogin.yes, text));
      set('location', 'vpn', firstMatch(lx.location.vpn, text));
    }
    set('ipJumps', false, firstMatch(lx.ipJumps.no, text));
    set('cannotLogin', false, firstMatch(lx.cannotLogin.no, text));
    set('location', 'supported', firstMatch(lx.location.supported, text));
    set('location', 'restricted', firstMatch(lx.location.restricted, text));
  }

  // A restricted-country KYC is about the account, not where the user sits now.
  if (slots.kycRestricted === true && slots.location === 'restricted' && evidence.location?.every((p) => evidence.kycRestricted?.includes(p))) {
    delete slots.location;
    delete evidence.location;
  }

  const countries: Extraction['countries'] = [];
  const seen = new Set<string>();
  for (const m of prepare(rawText.slice(0, 5000)).matchAll(lx.countryPattern)) {
    const name = m[0].toLowerCase().replace(/\s+/g, ' ');
    if (seen.has(name)) continue;
    seen.add(name);
    countries.push({ name, restricted: lx.restricted.includes(name) });
  }
  return { slots, evidence, countries };
}

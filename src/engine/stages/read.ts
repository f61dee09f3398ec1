// Stage 1, read: everything the message says, worked out once. Redacts secrets, cuts long text
// (the only place it is cut), classifies, extracts facts and decodes a picked option.
import type { Matcher, MatchResult } from '../../nlu/matcher';
import type { Knowledge } from '../../knowledge/load';
import type { LanguageChoice } from '../language';
import { DEFAULT_LANGUAGE } from '../../language/languages';
import type { Domain } from '../../domain/types';
import type { IntentScore, UserInput } from '../../shared/types';
import { isQuestion, splitClauses } from '../../nlu/clauses';
import { redactSecrets } from '../safety/redact';
import { isAngry } from '../safety/tone';
import { asksSomething, extractSlots, isComparison, type Extraction } from '../slots';
import { infoLabel, infoRequest } from '../info';
import { decodeOption, optionFamily, type InfoKey, type OptionRef } from '../ids';

export interface Reading {
  /** The message with secrets redacted and cut to length: all later stages see only this. */
  text: string;
  /** Nothing typed and no option picked. */
  blank: boolean;
  truncated: boolean;
  secretShared: boolean;
  angry: boolean;
  /** The conversation's language for this message: the matcher that read it and the replies. */
  language: string;
  /** Clearly written in a language the bot does not serve (its code): said so, nothing else read. */
  unsupported: string | null;
  /** "start over", typed or picked. */
  restart: boolean;
  /** A request for an overview (all causes, the symptom table), typed or picked. */
  info: InfoKey | null;
  /** The picked option, decoded; null when typed (or the id names no option). */
  option: OptionRef | null;
  /** The classifier's reading of the text. */
  match: MatchResult;
  /** Facts stated in the text. */
  extraction: Extraction;
  /** "region lock vs frozen": facts named there are not the user's. */
  comparison: boolean;
  /**
   * The questions of the message, in the order asked: the matcher's intents, plus a question
   * sentence it left out (it lists at most four intents, facts included), each read on its own.
   */
  questions: IntentScore[];
  /** Some sentence of the message asks something ("so what should I do now?"), whatever it asks. */
  asking: boolean;
}

export interface ReadDeps {
  matcher: Matcher;
  domain: Domain;
  /** The conversation language's texts: an option label typed out ("重新开始") means what picking it means. */
  knowledge?: Knowledge;
}

// The whole message must ask for a restart: "reset my password" is not one.
const RESTART =
  /^\s*(?:(?:ok(?:ay)?|please|can we|could we|let'?s|i want to|i'd like to)[\s,]+)?(?:start(?:ing)? (?:over|again|from scratch)|restart|reset|begin again|new conversation|from the (?:start|beginning))(?:[\s,]+(?:please|pls|the (?:chat|conversation)|this (?:chat|conversation)))*\s*[.!?]*\s*$/i;

/** A label typed as it is shown, ignoring case and end punctuation. */
const sameLabel = (text: string, label: string | undefined) =>
  !!label &&
  text
    .trim()
    .toLowerCase()
    .replace(/[?!.。！？\s]+$/u, '') === label.toLowerCase().replace(/[?!.。！？\s]+$/u, '');

export function read(
  { matcher, domain, knowledge }: ReadDeps,
  input: UserInput,
  maxChars = domain.limits.max_text_chars,
  choice: LanguageChoice = { language: DEFAULT_LANGUAGE, unsupported: null },
): Reading {
  const raw = typeof input.text === 'string' ? input.text : '';
  // Redact the whole message first (a secret cut in half would escape the patterns), then keep
  // only as much as any real question needs, so megabyte input costs no more than a long one.
  const redaction = redactSecrets(raw);
  const truncated = redaction.text.length > maxChars;
  const text = truncated ? redaction.text.slice(0, maxChars) : redaction.text;
  const option = decodeOption(input.optionId);
  const match = matcher.classify(text);
  // An id that claims to be an overview but names none is not read as typed text either.
  const info =
    option?.kind === 'info'
      ? option.info
      : input.optionId !== undefined && optionFamily(input.optionId) === 'info'
        ? null
        : (infoRequest(text) ?? infoLabel(knowledge, text));
  return {
    text,
    blank: !raw.trim() && !input.optionId,
    truncated,
    secretShared: redaction.kinds.length > 0,
    angry: isAngry(text),
    language: choice.language,
    unsupported: choice.unsupported,
    restart: (option?.kind === 'action' && option.action === 'restart') || RESTART.test(text) || sameLabel(text, knowledge?.ui.option_start_over),
    info,
    option,
    match,
    extraction: withEntityFacts(domain, extractSlots(domain, text, match.words), match.entities),
    comparison: isComparison(domain, text),
    questions: questionsOf(matcher, text, match.intents),
    asking: asksSomething(domain, text),
  };
}

/** Facts an entity states by itself (domain.from_entities): a server or cloud named means an API user. */
function withEntityFacts(d: Domain, x: Extraction, entities: Record<string, string[]>): Extraction {
  for (const { entity, slot, value } of d.fromEntities) {
    const found = entities[entity] ?? [];
    if (found.length === 0 || x.slots[slot] !== undefined) continue;
    x.slots[slot] = value;
    (x.evidence[slot] ??= []).push(...found);
  }
  return x;
}

/** Sentences read one by one: enough for the longest real message with several questions. */
const MAX_QUESTION_SENTENCES = 12;

function questionsOf(matcher: Matcher, text: string, intents: IntentScore[]): IntentScore[] {
  const asks = (i: IntentScore) => i.intent.startsWith('ask_');
  const found: { at: number; score: IntentScore }[] = [];
  // Chinese puts no space after "？" or "。": one is added there so the sentences come apart.
  const spaced = text.normalize('NFKC').replace(/([?!.;。])(?=\p{Script=Han})/gu, '$1 ');
  const sentences = splitClauses(spaced).slice(0, MAX_QUESTION_SENTENCES);
  sentences.forEach((sentence, at) => {
    if (!isQuestion(sentence)) return;
    const m = matcher.classify(sentence);
    for (const i of m.intents) if (asks(i) && !found.some((f) => f.score.intent === i.intent)) found.push({ at, score: i });
  });
  // The matcher's own reading keeps its place; extra question sentences slot in by position.
  const out: IntentScore[] = [];
  for (const i of intents) if (asks(i) && !out.some((o) => o.intent === i.intent)) out.push(i);
  for (const f of found) {
    if (out.some((o) => o.intent === f.score.intent)) continue;
    // Place it after the questions of earlier sentences.
    const before = found
      .filter((g) => g.at < f.at && out.some((o) => o.intent === g.score.intent))
      .map((g) => out.findIndex((o) => o.intent === g.score.intent));
    out.splice(before.length ? Math.max(...before) + 1 : out.length, 0, f.score);
  }
  return out;
}

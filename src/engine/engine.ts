// The conversation engine: pure (state + message + time in, new state + turn out), in three stages
// that can be tested alone: read (stages/read.ts) → decide (stages/decide.ts) → render (stages/render.ts).
import type { Engine, MessageKey, StepOptions, StepResult } from './api';
import type { Knowledge } from '../knowledge/load';
import { format } from '../knowledge/load';
import type { Matcher } from '../nlu/matcher';
import type { Domain } from '../domain/types';
import type { ConversationState } from './state';
import type { Cause, HandoffSummary, TriageResult, Turn, UserInput } from '../shared/types';
import { answerText } from './replies';
import { formatHandoff } from './handoff';
import { agentMacro, triageTicket } from './triage';
import { read } from './stages/read';
import { decide } from './stages/decide';
import { render } from './stages/render';
import { detectLanguage } from '../language/detect';
import { DEFAULT_LANGUAGE } from '../language/languages';
import { chooseLanguage, type LanguageChoice } from './language';

/** What the engine reads and writes one language with. */
export interface LanguagePack {
  matcher: Matcher;
  knowledge: Knowledge;
}

export interface EngineOptions {
  matcher: Matcher;
  knowledge: Knowledge;
  domain: Domain;
  /** A conversation idle this long starts fresh. */
  idleMs: number;
  /** Consecutive misunderstandings before a person is asked to take over. */
  handoffAfter: number;
  /**
   * The languages served, by code (the LANGUAGES setting, in order: the first is the default); each
   * with its matcher and knowledge. Without it the engine serves `matcher` and `knowledge` as English.
   */
  languages?: Map<string, LanguagePack>;
  /** Code -> the line for a language the bot does not serve (intents/languages.yaml `unsupported`). */
  unsupported?: Record<string, string>;
  /** Languages the bot could serve but LANGUAGES left out: answered with the "only … for now" note. */
  known?: string[];
  /** Signs of pasted machine output, which never switches the conversation's language (intents/languages.yaml). */
  pastedText?: RegExp[];
  /** The language of agents' triage cards (AGENT_LANGUAGE). */
  agentLanguage?: string;
}

export class ConversationEngine implements Engine {
  /** The default language's (the first served). */
  readonly knowledge: Knowledge;
  readonly matcher: Matcher;
  readonly domain: Domain;
  readonly idleMs: number;
  readonly handoffAfter: number;
  readonly languages: Map<string, LanguagePack>;
  /** Served languages, the default first. */
  readonly served: string[];
  readonly agentLanguage: string;
  private readonly unsupported: Record<string, string>;
  private readonly known: Set<string>;
  private readonly pastedText: RegExp[];

  constructor(opts: EngineOptions) {
    this.languages = opts.languages ?? new Map([[DEFAULT_LANGUAGE, { matcher: opts.matcher, knowledge: opts.knowledge }]]);
    this.served = [...this.languages.keys()];
    const first = this.languages.get(this.served[0]!)!;
    this.knowledge = first.knowledge;
    this.matcher = first.matcher;
    this.domain = opts.domain;
    this.idleMs = opts.idleMs;
    this.handoffAfter = opts.handoffAfter;
    this.unsupported = opts.unsupported ?? {};
    this.known = new Set(opts.known ?? []);
    this.pastedText = opts.pastedText ?? [];
    this.agentLanguage = opts.agentLanguage && this.languages.has(opts.agentLanguage) ? opts.agentLanguage : this.served[0]!;
  }

  /** A served language's texts and matcher; any other code gets the default language's. */
  pack(language: string | undefined): LanguagePack {
    return (language && this.languages.get(language)) || this.languages.get(this.served[0]!)!;
  }

  /** The language a message alone is written in, when the bot serves it (else the default). */
  languageOf(text: string): string {
    return chooseLanguage(undefined, detectLanguage(text), this.served).language;
  }

  message(key: MessageKey, vars: Record<string, string> = {}, language?: string): string {
    return format(answerText(this.pack(language).knowledge, key), vars);
  }

  formatHandoff(summary: HandoffSummary): string {
    return formatHandoff(this.pack(this.agentLanguage).knowledge, summary);
  }

  causeTitle(cause: Cause, language?: string): string {
    return this.pack(language ?? this.agentLanguage).knowledge.causes[cause].title;
  }

  macro(cause: Cause | null, secretShared: boolean, language?: string): string {
    return agentMacro(this.pack(language ?? this.agentLanguage).knowledge, this.domain, { cause, questions: [], missing: [], secret: secretShared });
  }

  /**
   * A ticket for an agent: read in the customer's language; the card (causes, missing facts,
   * processing time) in the agents' language, the suggested reply in the customer's.
   */
  triage(text: string, opts: StepOptions = {}): TriageResult {
    const customer = this.languageOf(text);
    const reading = this.read({ text }, opts.maxChars, { language: customer, unsupported: null });
    const own = this.pack(customer);
    return triageTicket({ domain: this.domain, matcher: own.matcher, knowledge: this.pack(this.agentLanguage).knowledge, customer: own.knowledge }, reading);
  }

  answer(text: string, opts: StepOptions = {}): Turn {
    return this.step(undefined, { text }, Date.now(), opts).turn;
  }

  step(previous: ConversationState | undefined, input: UserInput, now: number, opts: StepOptions = {}): StepResult {
    const text = typeof input.text === 'string' ? input.text : '';
    const pasted = this.pastedText.some((p) => p.test(text));
    const choice = chooseLanguage(previous?.language, detectLanguage(text), this.served, input.optionId !== undefined, pasted);
    const reading = this.read(input, opts.maxChars, choice);
    const { knowledge } = this.pack(choice.language);
    const decision = decide({ domain: this.domain, knowledge, idleMs: this.idleMs, handoffAfter: this.handoffAfter }, previous, reading, now);
    return {
      state: decision.state,
      turn: render({ knowledge, domain: this.domain, otherLanguageLine: (code) => this.lineFor(code, knowledge) }, decision, reading),
    };
  }

  private read(input: UserInput, maxChars: number | undefined, choice: LanguageChoice) {
    const { matcher, knowledge } = this.pack(choice.language);
    return read({ matcher, domain: this.domain, knowledge }, input, maxChars, choice);
  }

  /**
   * A language switched off (LANGUAGES) gets the conversation language's "I only answer in …" note;
   * any other its own line of intents/languages.yaml, or the default line.
   */
  private lineFor(code: string, k: Knowledge): string {
    if (this.known.has(code)) return answerText(k, 'chinese_or_other_language');
    return (this.unsupported[code] ?? this.unsupported.default ?? answerText(k, 'chinese_or_other_language')).trim();
  }
}

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

export interface EngineOptions {
  matcher: Matcher;
  knowledge: Knowledge;
  domain: Domain;
  /** A conversation idle this long starts fresh. */
  idleMs: number;
  /** Consecutive misunderstandings before a person is asked to take over. */
  handoffAfter: number;
}

export class ConversationEngine implements Engine {
  readonly knowledge: Knowledge;
  readonly matcher: Matcher;
  readonly domain: Domain;
  readonly idleMs: number;
  readonly handoffAfter: number;

  constructor(opts: EngineOptions) {
    this.knowledge = opts.knowledge;
    this.matcher = opts.matcher;
    this.domain = opts.domain;
    this.idleMs = opts.idleMs;
    this.handoffAfter = opts.handoffAfter;
  }

  message(key: MessageKey, vars: Record<string, string> = {}): string {
    return format(answerText(this.knowledge, key), vars);
  }

  formatHandoff(summary: HandoffSummary): string {
    return formatHandoff(this.knowledge, summary);
  }

  causeTitle(cause: Cause): string {
    return this.knowledge.causes[cause].title;
  }

  macro(cause: Cause | null, secretShared: boolean): string {
    return agentMacro(this.knowledge, this.domain, { cause, questions: [], missing: [], secret: secretShared });
  }

  triage(text: string, opts: StepOptions = {}): TriageResult {
    // The same reading as a message: redacted and cut in one place.
    return triageTicket(this, read(this, { text }, opts.maxChars));
  }

  answer(text: string, opts: StepOptions = {}): Turn {
    return this.step(undefined, { text }, Date.now(), opts).turn;
  }

  step(previous: ConversationState | undefined, input: UserInput, now: number, opts: StepOptions = {}): StepResult {
    const reading = read(this, input, opts.maxChars);
    const decision = decide(this, previous, reading, now);
    return { state: decision.state, turn: render(this, decision, reading) };
  }
}

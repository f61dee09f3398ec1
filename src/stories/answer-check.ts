// Counts the questions of a message and how many its reply answers, for the figure test-stories
// prints: each question sentence is read on its own, and an FAQ question counts as answered when
// its answer (compact or full, in any of its wordings, or the diagnosed cause's own answer) is in the reply.
import type { ConversationEngine } from '../engine/engine';
import type { AnswerKey } from '../knowledge/load';
import { FAQ_INTENTS, answerText, shortAnswer } from '../engine/replies';
import { isQuestion, splitClauses } from '../nlu/clauses';
import type { AnswerCheck } from './stories';

export function answerCheck(engine: ConversationEngine): AnswerCheck {
  const k = engine.knowledge;
  const d = engine.domain;
  const opening = (s: string) => s.slice(0, 40);
  return (text, reply) => {
    const keys = new Set<AnswerKey>();
    for (const sentence of splitClauses(text)) {
      if (!isQuestion(sentence)) continue;
      const m = engine.matcher.classify(sentence);
      if (FAQ_INTENTS.has(m.intent) && m.intent !== 'ask_meaning' && m.confidence >= d.thresholds.faq_min_confidence) keys.add(m.intent as AnswerKey);
    }
    let answered = 0;
    for (const key of keys) {
      const field = d.causeAnswers[key as keyof typeof d.causeAnswers];
      const heading = field === 'processing_time' ? k.ui.processing_heading! : field === 'reactivation' ? k.ui.reactivation_heading! : null;
      // Any wording of the answer counts: its own or one of its variants (domain.faq_variants).
      const wordings = [undefined, ...Object.keys(k.answers[key].variants)];
      const given = wordings.some((v) => reply.includes(opening(shortAnswer(k, key, v))) || reply.includes(opening(answerText(k, key, v))));
      if (given || (heading && reply.includes(heading))) answered++;
    }
    return { asked: keys.size, answered };
  };
}

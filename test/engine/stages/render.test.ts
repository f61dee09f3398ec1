// Stage 3 alone: a hand-made decision rendered with the knowledge texts.
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/engine/stages/render';
import { read } from '../../../src/engine/stages/read';
import type { Decision } from '../../../src/engine/stages/decide';
import { newConversation } from '../../../src/engine/state';
import { testEngine } from '../../helpers/bot';

const e = testEngine();
const k = e.knowledge;
const reading = read(e, { text: 'whatever' });
const base = (action: Decision['action'], patch: Partial<Decision> = {}): Decision => ({
  state: { ...newConversation(0), pending: action.kind === 'ask' ? action.question : null },
  action,
  understood: { intent: 'report_lock', confidence: 0.9, intents: [{ intent: 'report_lock', confidence: 0.9 }], entities: {} },
  notices: [],
  empathy: false,
  ...patch,
});

describe('render', () => {
  it('renders a question with its options and the encoded state', () => {
    const t = render(
      e,
      base({ kind: 'ask', lead: { intro: false, faq: [], meaning: false }, question: 'scope', correction: false, resumed: false, noted: false }),
      reading,
    );
    expect(t.reply).toBe(k.questions.scope!.prompt.trim());
    expect(t.options.map((o) => o.id)).toEqual(['scope:all', 'scope:one', 'scope:unsure']);
    expect(t.state).toBe('ask_scope');
  });

  it('introduces two FAQ answers, puts notices and empathy first, and re-asks a digressed question', () => {
    const t = render(
      e,
      base(
        {
          kind: 'ask',
          lead: { intro: false, faq: ['ask_withdraw', 'ask_support_time'], meaning: false },
          question: 'scope',
          correction: false,
          resumed: true,
          noted: false,
        },
        { notices: ['secret_warning'], empathy: true },
      ),
      reading,
    );
    const parts = t.reply.split('\n\n');
    expect(parts[0]).toBe(k.answers.secret_warning.answer.trim().split('\n\n')[0]);
    expect(t.reply.indexOf(k.ui.empathy!)).toBeLessThan(t.reply.indexOf(k.ui.both_answers_intro!));
    expect(t.reply.indexOf(k.ui.resume_question!)).toBeGreaterThan(t.reply.indexOf(k.answers.ask_support_time.answer.trim()));
  });

  it('says why the same question comes straight back, and that other facts were taken in', () => {
    const ask = (noted: boolean) =>
      render(e, base({ kind: 'ask', lead: { intro: false, faq: [], meaning: false }, question: 'scope', correction: false, resumed: true, noted }), reading)
        .reply;
    expect(ask(true)).toBe(`${k.ui.noted_ask_again}\n\n${k.questions.scope!.prompt.trim()}`);
    expect(ask(false)).toBe(`${k.ui.ask_again}\n\n${k.questions.scope!.prompt.trim()}`);
  });

  it('renders a hand-off with its summary and no options; listening is silent', () => {
    const summary = { reason: 'user_request' as const, userWords: [], facts: [], likelyCause: null, causeConfidence: 0, suggestedNextStep: 'x', createdAt: '' };
    const t = render(e, base({ kind: 'hand_off', reason: 'user_request', summary, lead: { intro: false, faq: [], meaning: false }, diagnosis: null }), reading);
    expect(t.reply).toBe(k.answers.request_human.answer.trim());
    expect(t.options).toEqual([]);
    expect(t.handoff).toBe(summary);
    expect(render(e, base({ kind: 'listen' }), reading)).toMatchObject({ silent: true, reply: '' });
  });
});

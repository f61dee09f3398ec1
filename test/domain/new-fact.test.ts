// The README's walkthrough, done for real: a throwaway fact added with one domain entry (plus its
// rules), one lexicon pattern and one answer text, in a temporary copy of intents/ — no code.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INTENTS_DIR } from '../../src/paths';
import { loadDomain } from '../../src/domain/load';
import { loadKnowledge, DEFAULT_EXCHANGE } from '../../src/knowledge/load';
import { createEngine } from '../../src/engine/index';
import { loadConfig } from '../../src/config';
import type { ConversationState } from '../../src/engine/state';
import { testEngine } from '../helpers/bot';

const dir = mkdtempSync(join(tmpdir(), 'rlb-new-fact-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 1. One entry in domain.yaml (the slot, with its question), and the rules that use it.
cpSync(INTENTS_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${join(INTENTS_DIR, 'nlu')}`) });
const domainFile = join(dir, 'dialogue', 'domain.yaml');
let domain = readFileSync(domainFile, 'utf8');
domain = domain.replace(
  '\n# When the same phrases gave both facts',
  `
  reset2fa:
    values: [true, false]
    extract:
      - { value: true, patterns: reset_2fa.true, statements_only: true }
    question:
      id: reset_2fa
      options:
        - { id: 'reset_2fa:yes', value: true, intent: affirm }
        - { id: 'reset_2fa:no', value: false, intent: deny }
        - { id: 'reset_2fa:unsure', value: unsure, intent: unsure }
      yes_no: { yes: true, no: false, unsure: unsure }
    summary: { true: Reset 2FA recently, false: Did not reset 2FA, unsure: Unsure about a 2FA reset }

# When the same phrases gave both facts`,
);
domain = domain.replace(
  'decision:\n',
  `decision:
  - { when: { reset2fa: true }, cause: risk_control, confidence: 0.8 }
  - { when: { scope: all, kycRestricted: false }, ask: [reset_2fa] }
`,
);
writeFileSync(domainFile, domain);
// 2. One lexicon pattern.
appendFileSync(join(dir, 'lexicon', 'slots.yaml'), '\nreset_2fa:\n  true:\n    - \\breset (?:my )?(?:2fa|authenticator)\\b\n');
// 3. One answer: the question's text and option labels.
appendFileSync(
  join(dir, 'knowledge', 'questions.yaml'),
  '\nreset_2fa:\n  prompt: Did you **reset your 2FA** shortly before this started?\n  options:\n    - { id: "reset_2fa:yes", label: "Yes" }\n    - { id: "reset_2fa:no", label: "No" }\n    - { id: "reset_2fa:unsure", label: Not sure }\n',
);

// English only: the new question's text is added to the English knowledge alone.
const engine = createEngine(loadConfig({ LANGUAGES: 'en' }), {
  matcher: testEngine().matcher,
  domain: loadDomain(dir),
  knowledge: loadKnowledge(DEFAULT_EXCHANGE, join(dir, 'knowledge')),
});

function chat(...messages: (string | [string, string])[]) {
  let state: ConversationState | undefined;
  return messages.map((m, i) => {
    const r = engine.step(state, typeof m === 'string' ? { text: m } : { text: m[0], optionId: m[1] }, 1_700_000_000_000 + i * 1000);
    state = r.state;
    return r.turn;
  });
}

describe('adding a fact through data only', () => {
  it('reads the fact from a message and decides from its rule', () => {
    const [t] = chat('I reset my 2fa yesterday and now the app says region not supported');
    expect(t!.cause).toBe('risk_control');
    expect(t!.state).toBe('diagnosed');
  });

  it('asks its question when the policy says so, and takes the answer', () => {
    const turns = chat('region locked', 'every network', ['A supported country', 'kyc_region:supported'], ['Yes', 'reset_2fa:yes']);
    expect(turns[2]!.state).toBe('ask_reset_2fa');
    expect(turns[2]!.reply).toContain('reset your 2FA');
    expect(turns[3]!.cause).toBe('risk_control');
  });

  it('triage ranks it the same way, with the phrase as evidence, and hand-offs name it', () => {
    const t = engine.triage('Customer reset my authenticator and is region locked now');
    expect(t.causes[0]).toMatchObject({ cause: 'risk_control', confidence: 0.8 });
    expect(t.causes[0]!.evidence).toContain('reset my authenticator');
    const [, handoff] = chat('I reset my 2fa and the region error appeared', 'let me talk to a human agent please');
    expect(handoff!.handoff?.facts).toContain('Reset 2FA recently');
  });
});

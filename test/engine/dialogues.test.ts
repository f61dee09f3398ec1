import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../src/paths';
import { replayConversation } from '../../src/engine/replay';
import { testEngine } from '../helpers/bot';

interface Dialogue {
  id: string;
  description?: string;
  turns: string[];
  expect: { cause: string; maxQuestions?: number };
}

const dialogues: Dialogue[] = readFileSync(join(FIXTURES_DIR, 'dialogues', 'conversations.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe('fixture conversations replay to the right cause', () => {
  it('has at least 30 conversations covering every cause', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(30);
    const causes = new Set(dialogues.map((d) => d.expect.cause));
    for (const c of ['ip_geo', 'kyc_region', 'policy_change', 'risk_control', 'ip_misidentified', 'account_frozen']) expect(causes.has(c), c).toBe(true);
  });

  for (const d of dialogues) {
    it(`${d.id}: ${d.description ?? ''}`, () => {
      const turns = replayConversation(testEngine(), d.turns);
      const last = turns[turns.length - 1]!;
      expect(last.cause, JSON.stringify(turns.map((t) => [t.user, t.intent, t.state, t.cause]))).toBe(d.expect.cause);
      if (d.expect.maxQuestions !== undefined) {
        const questions = turns.filter((t) => t.state.startsWith('ask_')).length;
        expect(questions).toBeLessThanOrEqual(d.expect.maxQuestions);
      }
    });
  }
});

// Every dialogue story in fixtures/stories/ passes, turn by turn.
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/shared/types';
import { loadStories, runStory, storyTable } from '../../src/stories/stories';
import { testEngine } from '../helpers/bot';

const stories = loadStories();

describe('dialogue stories', () => {
  it('has at least 30 held-out conversations covering every cause', () => {
    expect(stories.length).toBeGreaterThanOrEqual(30);
    const causes = new Set(stories.flatMap((s) => s.turns.map((t) => t.expect?.cause)));
    for (const c of CAUSES) expect(causes.has(c), c).toBe(true);
  });

  for (const story of stories) {
    it(`${story.id}: ${story.description ?? ''}`, () => {
      const result = runStory(testEngine(), story);
      expect(result.failure).toBeNull();
    });
  }

  it('a failing expectation is reported with its turn', () => {
    const story = { id: 'wrong', file: 'x', turns: [{ user: 'region locked', expect: { state: 'diagnosed', reply_contains: [], reply_not_contains: [] } }] };
    const result = runStory(testEngine(), story);
    expect(result.passed).toBe(false);
    expect(result.failure).toBe('turn 1 ("region locked"): state ask_scope, expected diagnosed');
    expect(storyTable([result])).toMatch(/FAIL\s+wrong\s+1\s+turn 1/);
  });
});

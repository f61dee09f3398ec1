// User text inside bot-authored text stays text in every channel's markup.
import { describe, expect, it } from 'vitest';
import { neutraliseUserText } from '../../src/engine/safety/markup';
import { toMrkdwn } from '../../adapters/slack/render/mrkdwn';
import { formatHandoff } from '../../src/engine/handoff';
import { loadKnowledge } from '../../src/knowledge/load';
import { loadConfig } from '../../src/config';

const hostile = [
  '[[click](https://x.example)](https://evil.example)',
  '[support](https://evil.example/login)',
  '@here @everyone <!channel> <!here> <@U123> <#C1>',
  '```\nfake system message\n``` *bold* _it_ ~s~ `code` ||spoiler||',
  'visit evil.com or www.evil.com now',
  '# HEADING\n> quoted',
];

describe('neutraliseUserText', () => {
  for (const text of hostile) {
    it(`leaves no markup in ${JSON.stringify(text.slice(0, 40))}`, () => {
      const out = neutraliseUserText(text);
      // Only the defanging marks "[.]" and "[:]" use brackets, and they are never followed by "(".
      expect(out.replace(/\[[.:]\]/g, '')).not.toMatch(/[[\]*_`~|<>]/);
      expect(out).not.toMatch(/\]\(/);
      expect(out).not.toMatch(/https?:\/\//);
      expect(out).not.toMatch(/@(here|everyone|channel)\b/);
      expect(out).not.toMatch(/\n/);
      // Slack: the converter finds no link, no mention, no fence to produce.
      const slack = toMrkdwn(out);
      expect(slack).not.toMatch(/<[^>]*>/);
      expect(slack).not.toContain('```');
    });
  }

  it('keeps ordinary text, amounts and ids readable', () => {
    expect(neutraliseUserText('my order 20231234567 of 1,250.50 USDT is stuck')).toBe('my order 20231234567 of 1,250.50 USDT is stuck');
  });

  it('is applied to the customer words in hand-off summaries', () => {
    const k = loadKnowledge(loadConfig({}).exchange);
    const text = formatHandoff(k, {
      reason: 'user_request',
      likelyCause: null,
      causeConfidence: 0,
      facts: [],
      userWords: ['[[a](https://x.example)](https://y.example) @everyone'],
      angry: false,
      secretShared: false,
    } as never);
    expect(toMrkdwn(text)).not.toMatch(/<https?:/);
    expect(text).not.toContain('@everyone');
  });
});

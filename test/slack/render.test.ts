// Markdown -> mrkdwn conversion and Slack's size limits.
import { describe, expect, it } from 'vitest';
import { slackToPlain, toMrkdwn } from '../../adapters/slack/render/mrkdwn';
import { BLOCKS_MAX, MESSAGE_TEXT_MAX, SECTION_TEXT_MAX, renderReply, splitText, withChoice } from '../../adapters/slack/render/blocks';
import { renderTriageCard } from '../../adapters/slack/render/triage-card';
import { deskTextsFor } from '../../src/desk/texts';

describe('toMrkdwn', () => {
  it('converts bold, links and bullets', () => {
    expect(toMrkdwn('This is **important**.')).toBe('This is *important*.');
    expect(toMrkdwn('See [the help page](https://example.com/help?a=1&b=2).')).toBe('See <https://example.com/help?a=1&amp;b=2|the help page>.');
    expect(toMrkdwn('Steps:\n- first\n- second **step**')).toBe('Steps:\n• first\n• second *step*');
  });

  it('escapes Slack control characters but keeps quotes and code', () => {
    expect(toMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(toMrkdwn('> quoted **text**')).toBe('> quoted *text*');
    expect(toMrkdwn('use `**not bold**` here')).toBe('use `**not bold**` here');
  });

  it('does not touch underscores or asterisks inside URLs', () => {
    expect(toMrkdwn('[x](https://example.com/a_b*c)')).toBe('<https://example.com/a_b*c|x>');
  });
});

describe('slackToPlain', () => {
  it('removes the bot mention and unwraps Slack markup', () => {
    expect(slackToPlain('<@U0BOT> hi <@U123|alice> see <https://x.test|x.test> &amp; <#C1|general>', 'U0BOT')).toBe(
      'hi @alice see x.test (https://x.test) & #general',
    );
  });
});

describe('limits', () => {
  it('splits long text into sections of at most 3000 characters without losing words', () => {
    const para = 'word '.repeat(500).trim(); // 2499 chars
    const text = Array.from({ length: 10 }, () => para).join('\n\n');
    const chunks = splitText(text);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(chunks.join(' ').split(/\s+/).length).toBe(5000);
  });

  it('hard-splits a single huge line', () => {
    const chunks = splitText('x'.repeat(7000));
    expect(chunks.map((c) => c.length)).toEqual([3000, 3000, 1000]);
  });

  it('spreads a huge reply over several messages within block and text limits, buttons on the last', () => {
    const para = 'lorem ipsum dolor sit amet '.repeat(100).trim();
    const markdown = Array.from({ length: 80 }, (_, i) => `**Part ${i}** ${para}`).join('\n\n');
    const messages = renderReply(markdown, [{ id: 'a', label: 'Yes' }], 'T:D');
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(BLOCKS_MAX);
      expect(m.text.length).toBeLessThanOrEqual(MESSAGE_TEXT_MAX);
      for (const b of m.blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    }
    expect(messages.slice(0, -1).every((m) => m.blocks.every((b) => b.type !== 'actions'))).toBe(true);
    expect(messages.at(-1)!.blocks.at(-1)!.type).toBe('actions');
  });

  it('option buttons carry the option id as value, and a choice removes them', () => {
    const [m] = renderReply(
      'Where?',
      [
        { id: 'scope:all', label: 'Every network' },
        { id: 'scope:one', label: 'Only this network' },
      ],
      'T1:C1:1.2',
    );
    const actions = m.blocks.find((b) => b.type === 'actions') as any;
    expect(actions.elements.map((e: any) => e.value)).toEqual(['scope:all', 'scope:one']);
    const after = withChoice(m.blocks, 'Every network', 'U1');
    expect(after.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(after)).toContain('Every network');
  });
});

describe('triage card', () => {
  it('shows ranked causes with confidence and evidence, missing facts, reply, time and flags', () => {
    const card = renderTriageCard(
      {
        causes: [
          { cause: 'kyc_region', confidence: 0.82, evidence: ['KYC says China'] },
          { cause: 'ip_geo', confidence: 0.3, evidence: [] },
        ],
        missingFacts: ['Does it happen on every network?'],
        suggestedReply: 'Hello, **please** check [this](https://example.com).',
        processingTime: '1 to 3 days',
        flags: { secretShared: true, frozenNotRegionLock: false, handoffRequested: false, angryCustomer: true },
        intents: [],
      },
      deskTextsFor('en'),
    );
    const all = JSON.stringify(card.blocks);
    expect(all).toContain('kyc_region');
    expect(all).toContain('82%');
    expect(all).toContain('KYC says China');
    expect(all.indexOf('kyc_region')).toBeLessThan(all.indexOf('ip_geo'));
    expect(all).toContain('every network');
    expect(all).toContain('<https://example.com|this>');
    expect(all).toContain('1 to 3 days');
    expect(all).toContain('password');
    expect(all).toContain('upset');
  });

  it("is written in the agents' language: AGENT_LANGUAGE=zh gives Chinese headings, labels and warnings", () => {
    const result = {
      causes: [{ cause: 'kyc_region' as const, confidence: 0.82, evidence: ['实名认证写的是大陆'] }],
      missingFacts: [],
      suggestedReply: '您好，请检查实名认证信息。',
      processingTime: '1-3 个工作日',
      flags: { secretShared: true, frozenNotRegionLock: false, handoffRequested: false, angryCustomer: false },
      intents: [],
    };
    const zh = renderTriageCard(result, deskTextsFor('zh'));
    const all = JSON.stringify(zh.blocks);
    for (const heading of ['工单分拣', '可能的原因', '建议回复', '预计处理时间', '实名认证（KYC）的居住国在受限名单内', '立即更换'])
      expect(all).toContain(heading);
    expect(zh.text).toMatch(/^工单分拣：最可能是 /);
    const en = JSON.stringify(renderTriageCard(result, deskTextsFor('en')).blocks);
    expect(en).toContain('Likely causes');
    expect(en).not.toContain('可能的原因');
  });
});

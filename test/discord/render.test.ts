// Discord's limits and the ids carried by buttons: splitting at 2,000 characters, button rows,
// hand-off custom ids that refuse forgeries, the triage card's embed limits, and mention clean-up.
import { describe, expect, it } from 'vitest';
import { ButtonStyle } from 'discord.js';
import { MESSAGE_CONTENT_MAX, splitMessage } from '../../adapters/discord/render/split';
import { answerRows, answeredRows, optionIdOf } from '../../adapters/discord/render/answer-buttons';
import { deskCustomId, parseDeskCustomId } from '../../adapters/discord/render/desk-card';
import { renderTriageCard } from '../../adapters/discord/render/triage-card';
import { deskTextsFor } from '../../src/desk/texts';
import { discordToPlain } from '../../adapters/discord/render/plain-text';

describe('discord rendering', () => {
  it('splits long Markdown into messages of at most 2,000 characters without cutting links', () => {
    const link = '[the support page](https://www.binance.com/en/support/faq/region-restrictions)';
    const paragraph = Array.from({ length: 40 }, (_, i) => `Sentence ${i} explains a step and points to ${link}.`).join(' ');
    const text = [`**Most likely cause**`, paragraph, '- a\n- b', paragraph].join('\n\n');
    const chunks = splitMessage(text);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
      // Every "[" that opens a link in a chunk is closed in the same chunk.
      expect((c.match(/\[/g) ?? []).length).toBe((c.match(/\]\(https:[^)]+\)/g) ?? []).length);
    }
    expect(chunks.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(splitMessage('short')).toEqual(['short']);
    expect(splitMessage('   ')).toEqual([]);
  });

  it('puts at most 25 buttons in rows of 5 with labels of at most 80 characters', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ id: `opt:${i}`, label: `${'Long label '.repeat(10)}${i}` }));
    const rows = answerRows(options).map((r) => r.toJSON());
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.components.length).toBeLessThanOrEqual(5);
      for (const b of row.components as { label: string; custom_id: string }[]) {
        expect(b.label.length).toBeLessThanOrEqual(80);
        expect(optionIdOf(b.custom_id)).toMatch(/^opt:\d+$/);
      }
    }
  });

  it('disables every answer button after a click and marks the chosen one', () => {
    const rows = answerRows([
      { id: 'scope:all', label: 'Every network' },
      { id: 'scope:one', label: 'Only this network' },
    ]);
    const done = answeredRows(rows as never, 'answer|scope:one');
    const buttons = done[0].components as { custom_id: string; disabled: boolean; style: number }[];
    expect(buttons.every((b) => b.disabled)).toBe(true);
    expect(buttons.find((b) => b.custom_id === 'answer|scope:one')?.style).toBe(ButtonStyle.Success);
    expect(buttons.find((b) => b.custom_id === 'answer|scope:all')?.style).toBe(ButtonStyle.Secondary);
  });

  it('reads hand-off control ids back and rejects malformed or forged ones', () => {
    const id = deskCustomId('claim', 'Ab3_x-9QwErT');
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseDeskCustomId(id)).toEqual({ action: 'claim', id: 'Ab3_x-9QwErT' });
    expect(parseDeskCustomId(deskCustomId('macro', 'Ab3_x-9QwErT'))?.action).toBe('macro');
    for (const bad of ['desk|claim', 'desk|claim|x', 'desk|delete|Ab3_x-9QwErT', `${id}|extra`, 'desk|claim|../../etc/passwd', 'handoff-claim|1:2|3']) {
      expect(parseDeskCustomId(bad)).toBeNull();
    }
  });

  it('keeps the triage card inside the embed limits', () => {
    const long = 'x'.repeat(5000);
    const card = renderTriageCard(
      {
        causes: [{ cause: 'kyc_region', confidence: 0.8, evidence: [long, long, long] }],
        missingFacts: Array.from({ length: 50 }, () => long.slice(0, 100)),
        suggestedReply: long,
        processingTime: '1-3 business days',
        flags: { secretShared: true, frozenNotRegionLock: false, handoffRequested: true, angryCustomer: false },
        intents: [],
      },
      deskTextsFor('en'),
    ).toJSON();
    expect(card.description!.length).toBeLessThanOrEqual(4096);
    expect(card.description).toMatch(/password, key or code/);
    for (const f of card.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(card.fields?.map((f) => f.name)).toEqual(['Likely causes', 'Still worth asking', 'Expected processing time']);
  });

  it('turns mentions, channels and custom emoji into plain words and drops its own mention', () => {
    expect(discordToPlain('<@1100000000000000001>   is my <:coin:1234567> safe? see <#1100000000000000200>', '1100000000000000001')).toBe(
      'is my :coin: safe? see #channel',
    );
    expect(discordToPlain('<@!1100000000000000001>', '1100000000000000001')).toBe('');
  });
});

// Stage 1 alone: one reading per message.
import { describe, expect, it } from 'vitest';
import { read } from '../../../src/engine/stages/read';
import { testEngine } from '../../helpers/bot';

describe('read', () => {
  it('redacts before anything else sees the text, and notices the secret', () => {
    const r = read(testEngine(), { text: 'region locked on every network, my password is Hunter2!x' });
    expect(r.text).not.toContain('Hunter2!x');
    expect(r.secretShared).toBe(true);
    expect(r.extraction.slots.scope).toBe('all');
    expect(r.match.intent).toMatch(/^(report_lock|inform_all_networks)$/);
  });

  it('cuts long text to the limit it is given, and says it did', () => {
    const r = read(testEngine(), { text: 'are my funds safe '.repeat(100) }, 200);
    expect(r.text).toHaveLength(200);
    expect(r.truncated).toBe(true);
    expect(read(testEngine(), { text: 'short' }, 200).truncated).toBe(false);
  });

  it('decodes a picked option once; an id no option has reads as typed text', () => {
    expect(read(testEngine(), { text: 'Every network', optionId: 'scope:all' }).option).toEqual({ kind: 'answer', question: 'scope', answer: 'all' });
    expect(read(testEngine(), { text: 'Start over', optionId: 'action:restart' }).restart).toBe(true);
    expect(read(testEngine(), { text: 'x', optionId: 'info:symptom_table' }).info).toBe('symptom_table');
    expect(read(testEngine(), { text: 'what are all the possible causes?', optionId: 'info:nonsense' }).info).toBeNull();
    expect(read(testEngine(), { text: 'hello', optionId: 'nonsense' }).option).toBeNull();
  });

  it('marks blank, other-language and comparison messages', () => {
    expect(read(testEngine(), { text: '   ' }).blank).toBe(true);
    expect(read(testEngine(), { text: 'region lock vs frozen account, what is the difference?' }).comparison).toBe(true);
    expect(read(testEngine(), { text: '冻结和地区限制有什么区别？' }).comparison).toBe(true);
  });
});

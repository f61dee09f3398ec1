// Runs the real binary (built by `npm test`'s tsc step) the way users do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths';

const BIN = join(PACKAGE_ROOT, 'bin', 'region-lock-bot.js');

function run(args: string[], input = '', env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 110_000, env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('classify', () => {
  it('adds intent and confidence to every line, in input order, keeping other fields', () => {
    const input = ['{"text":"are my funds safe?","id":1}', '', '{"text":"hello","id":2}', '{"text":"will a vpn help","id":3}'].join('\n');
    const r = run(['classify', '-'], input);
    expect(r.code).toBe(0);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(lines[0].intent).toBe('ask_asset_safety');
    expect(lines[2].intent).toBe('ask_vpn');
    for (const l of lines) expect(l.confidence).toBeGreaterThanOrEqual(0);
  });

  it('adds every intent of the message and the entities it names', () => {
    const input = '{"text":"Hi. My OKX bot on AWS gets 451 restricted location. Can I still withdraw? How long does support take?"}\n';
    const [line] = run(['classify', '-'], input)
      .out.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Both questions listed in the order asked; the primary is the report or the first question,
    // never the second question jumping ahead of the first.
    const listed = line.intents.map((i: { intent: string }) => i.intent);
    expect(listed.indexOf('ask_withdraw')).toBeGreaterThanOrEqual(0);
    expect(listed.indexOf('ask_support_time')).toBeGreaterThan(listed.indexOf('ask_withdraw'));
    expect(['report_lock', 'ask_withdraw']).toContain(line.intent);
    expect(line.entities).toMatchObject({ exchange: ['OKX'], hosting: ['AWS'], error: ['451', 'restricted location'] });
  });

  it('names the bad line without a stack trace', () => {
    const r = run(['classify', '-'], '{"text":"hi"}\n{oops\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2: not valid JSON/);
    expect(r.err).not.toMatch(/\n\s+at /);
    const missing = run(['classify', '-'], '{"txt":"hi"}\n');
    expect(missing.err).toMatch(/line 1: needs a "text" field/);
    const nofile = run(['classify', '/nonexistent.jsonl']);
    expect(nofile.err).toMatch(/no such file/);
  });
});

describe('eval', () => {
  it('reports cross-validation and held-out scores, per intent, as JSON', () => {
    const r = run(['eval', '--json', '--folds', '3', '--no-baseline']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.folds).toBe(3);
    for (const part of [result.crossValidation, result.heldout]) {
      expect(part.accuracy).toBeGreaterThan(0.8);
      expect(part.outOfScopeRejection).toBeGreaterThan(0.8);
      expect(Object.keys(part.perIntent)).toContain('ask_withdraw');
      expect(part.perIntent.ask_withdraw).toEqual({
        precision: expect.any(Number),
        recall: expect.any(Number),
        f1: expect.any(Number),
        support: expect.any(Number),
      });
      expect(Array.isArray(part.confusedPairs)).toBe(true);
    }
    expect(result.heldout.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.multiIntentRecall).toBeGreaterThanOrEqual(0.7);
    expect(Object.keys(result.realStyle.byTrait)).toEqual(['other_exchange', 'api_error', 'long', 'complaint']);
    expect(result.realStyle.traps.examples).toBeGreaterThan(0);
    expect(result.nlpjsRealStyle).toBeNull();
    // Chinese: a development set to tune on, scored like the English one, beside the held-out set.
    expect(result.zh.realStyleDev.examples).toBeGreaterThanOrEqual(200);
    expect(Object.keys(result.zh.realStyleDev.byTrait)).toEqual(['other_exchange', 'api_error', 'long', 'complaint']);
    expect(result.zh.realStyle.examples).toBeGreaterThanOrEqual(200);
  });

  it('prints a readable report, NLP.js beside it, and rejects a bad --folds', { timeout: 120_000 }, () => {
    const r = run(['eval', '--folds', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cross-validation \(2 folds/);
    expect(r.out).toMatch(/held-out fixtures/);
    expect(r.out).toMatch(/real-style held-out .*\n.*out-of-scope traps rejected \d/);
    expect(r.out).toMatch(/NLP\.js on the same corpus, real-style held-out/);
    expect(r.out).toMatch(/api_error +\d+ +\d\.\d{3}/);
    expect(r.out).toMatch(/most confused/);
    expect(r.out).toMatch(/Chinese real-style development set, for tuning .*\n.*out-of-scope traps rejected \d/);
    expect(r.out).toMatch(/out-of-scope rejection \d/);
    const bad = run(['eval', '--folds', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--folds must be a whole number/);
  });
});

describe('replay', () => {
  it('prints one conversation per line with every turn', () => {
    const input = [
      JSON.stringify({ id: 'a', turns: ['my account says region not supported', 'Every network', 'A restricted country (e.g. mainland China)'] }),
      JSON.stringify({ id: 'b', turns: ['I cannot log in at all'], extra: true }),
    ].join('\n');
    const r = run(['replay', '-'], input);
    expect(r.code).toBe(0);
    const [a, b] = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(a.id).toBe('a');
    expect(a.turns).toHaveLength(3);
    expect(Object.keys(a.turns[0]).sort()).toEqual(['cause', 'confidence', 'intent', 'language', 'options', 'reply', 'state', 'user']);
    expect(a.turns[0].cause).toBeNull();
    expect(a.turns[0].options).toContain('Every network');
    expect(a.turns[2].cause).toBe('kyc_region');
    expect(b.turns[0].cause).toBe('account_frozen');
  });

  it('keeps input order, turns numeric ids into strings and never prints a pasted secret', () => {
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: i, turns: [`region locked, my password is Pa55word-${i}!`, 'every network'] }));
    const r = run(['replay', '-'], lines.join('\n'));
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
    expect(r.out).not.toMatch(/Pa55word/);
    expect(out[0].turns[0].reply).toMatch(/revoke|change your password/i);
    expect(out[0].turns[1].state).toBe('ask_kyc_region');
  });

  it('rejects a line without turns', () => {
    const r = run(['replay', '-'], '{"id":"x"}\n');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 1: needs a "turns" field/);
  });
});

describe('closed output pipe', () => {
  it('exits quietly when the reader stops early (| head -1)', async () => {
    const { spawn } = await import('node:child_process');
    const tickets = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: i, text: 'region locked on every network, KYC says mainland China' })).join(
      '\n',
    );
    const child = spawn(process.execPath, [BIN, 'triage', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.end(tickets);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});

describe('triage', () => {
  const tickets = [
    JSON.stringify({ id: 't1', text: 'Every network shows region locked. I verified with mainland China as residence.' }),
    JSON.stringify({ id: 't2', text: 'I cannot log in at all. I want a human.' }),
  ].join('\n');

  it('prints JSONL triage', () => {
    const r = run(['triage', '-'], tickets);
    expect(r.code).toBe(0);
    const [t1, t2] = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(t1.id).toBe('t1');
    expect(t1.triage.causes[0].cause).toBe('kyc_region');
    expect(t2.triage.flags.frozenNotRegionLock).toBe(true);
  });

  it('prints a backlog table with counts per cause', () => {
    const r = run(['triage', '-', '--format', 'table'], tickets);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tickets per likely cause/);
    expect(r.out).toMatch(/kyc_region\s+1/);
  });
});

describe('chat', () => {
  it('answers in the terminal and accepts numbered options', () => {
    const r = run(['chat'], 'my region is not supported\n1\n/quit\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1\) Every network/);
    expect(r.out).toMatch(/residence/i);
  });

  // Issue 12: after a diagnosis the options are its details (the symptom table is no longer one of them).
  it('echoes piped lines as a transcript and reaches a diagnosis and its details by number', () => {
    const r = run(['chat'], 'region locked\n1\n1\n1\n/quit\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/you> region locked/);
    expect(r.out).toMatch(/Most likely cause: Your identity verification/);
    expect(r.out).toMatch(/1\) What should I do next\?/);
    expect(r.out).toMatch(/Still works during a region lock/);
  });
});

describe('configuration errors', () => {
  it('names the variable and the problem', () => {
    const r = run(['replay', '-'], '', { SESSION_IDLE_MINUTES: 'soon' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/SESSION_IDLE_MINUTES/);
    const slack = run(['replay', '-'], '', { SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(slack.err).toMatch(/SLACK_SIGNING_SECRET is required/);
  });
});

// Redaction figures (README "Security and limits"): recall on planted secrets, false positives on
// the whole NLU corpus and held-out sets, and the ids/amounts/hashes that must survive.
import { describe, expect, it } from 'vitest';
import { scoreRedaction } from '../../src/eval/redaction';
import fc from 'fast-check';
import { redactSecrets, type SafetyContext } from '../../src/engine/safety/redact';
import { planted, words } from '../helpers/planted-secrets';

describe('redaction rates', () => {
  const score = scoreRedaction();

  it('catches the planted secrets in every phrasing of fixtures/safety/secrets.jsonl', () => {
    console.log(
      `redaction: recall ${score.recall.toFixed(3)} (${score.secrets} secrets), corpus false positives ${(score.corpusFalsePositiveRate * 100).toFixed(2)}% of ${score.corpusMessages}, must-survive kept ${score.mustSurviveKept}/${score.mustSurvive}`,
    );
    expect(score.missed).toEqual([]);
    expect(score.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('leaves the corpus alone (no secrets there) and keeps order ids, amounts, tx hashes and addresses', () => {
    expect(score.corpusChanged).toEqual([]);
    expect(score.eaten).toEqual([]);
  });

  it('catches generated secrets (2,000 drawn by fast-check, surrounded by corpus words)', () => {
    const samples = fc.sample(fc.tuple(words, planted, words), { numRuns: 2000, seed: 4242 });
    let caught = 0;
    for (const [head, secret, tail] of samples) {
      let ctx: SafetyContext = {};
      const seen: string[] = [];
      for (const b of secret.before) {
        const r = redactSecrets(b, ctx);
        ctx = r.context;
        seen.push(r.text);
      }
      const text = secret.before.length ? secret.text : `${head} ${secret.text} ${tail}`.trim();
      const out = redactSecrets(text, ctx).text;
      // Split phrases: the first half is scrubbed from what is kept once the second half arrives.
      if (!secret.fragments.some((f) => out.includes(f) || (secret.before.length === 0 && seen.join(' ').includes(f)))) caught++;
    }
    console.log(`redaction: generated-secret recall ${(caught / samples.length).toFixed(4)} of ${samples.length}`);
    expect(caught / samples.length).toBeGreaterThanOrEqual(0.99);
  });

  it('redacts a seed phrase split over two messages, and a bare code once the talk is about login', () => {
    let r = redactSecrets('here are my words: abandon ability able about above absent');
    const second = redactSecrets('absorb abstract absurd abuse access accident', r.context);
    expect(second.text).toBe('[redacted seed phrase]');
    r = redactSecrets('I cannot log in, it wants a code');
    expect(redactSecrets('ok 482913', r.context).text).toBe('ok [redacted code]');
    expect(redactSecrets('ok 482913').text).toBe('ok 482913'); // no login talk: an ordinary number
    expect(redactSecrets('order 482913 is stuck', r.context).text).toBe('order 482913 is stuck');
  });
});

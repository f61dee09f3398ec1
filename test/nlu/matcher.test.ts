import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { loadHeldout, loadMulti, multiIntentRecall, predict, report } from '../../src/nlu/evaluate';
import { loadCorpus } from '../../src/nlu/corpus';
import { INTENTS } from '../../src/engine/types';

const matcher = loadMatcher();

describe('intent matcher on held-out fixtures', () => {
  const heldout = loadHeldout();
  const r = report(predict(matcher, heldout));

  it('covers every intent of the catalog', () => {
    const seen = new Set(heldout.map((h) => h.intent));
    for (const intent of INTENTS) expect(seen.has(intent), intent).toBe(true);
  });

  it('reaches the accuracy floor', () => {
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects out-of-scope messages', () => {
    expect(r.outOfScopeRejection).toBeGreaterThanOrEqual(0.9);
    expect(r.inScopeFalseRejection).toBeLessThanOrEqual(0.05);
  });

  it('finds both intents of two-question messages most of the time', () => {
    expect(multiIntentRecall(matcher, loadMulti())).toBeGreaterThanOrEqual(0.7);
  });
});

describe('robustness', () => {
  it('copes with typos, casing, punctuation, emoji and slang', () => {
    expect(matcher.classify('can i witdraw my coins???').intent).toBe('ask_withdraw');
    expect(matcher.classify('ARE MY FUNDS SAFE').intent).toBe('ask_asset_safety');
    expect(matcher.classify('will a vpn fix it 🤔').intent).toBe('ask_vpn');
    expect(matcher.classify('idk').intent).toBe('unsure');
    expect(matcher.classify('yep').intent).toBe('affirm');
    expect(matcher.classify('my acc says regoin not suported pls help').intent).toBe('report_lock');
  });

  it('gives confidences in [0,1] that are higher when right than when rejected', () => {
    const good = matcher.classify('are my assets safe if my account is region locked');
    const junk = matcher.classify('what is the best pizza topping');
    expect(good.confidence).toBeGreaterThan(0.5);
    expect(good.confidence).toBeLessThanOrEqual(1);
    expect(junk.intent).toBe('out_of_scope');
  });

  it('reads a two-question message as at least one intent (speed is measured by npm run bench)', () => {
    const m = matcher.classify('my account is region locked, can I withdraw?');
    expect(m.intents.length).toBeGreaterThanOrEqual(1);
  });
});

describe('training data and fixtures stay apart', () => {
  it('shares no utterance between intents/ and fixtures/', () => {
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
    const train = new Set(loadCorpus().flatMap((c) => c.utterances.map(norm)));
    const overlap = [...loadHeldout(), ...loadMulti()].map((h) => h.text).filter((t) => train.has(norm(t)));
    expect(overlap).toEqual([]);
  });
});

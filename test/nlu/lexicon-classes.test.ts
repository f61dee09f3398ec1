// Lexicon classes (intents/lexicon/classes/): each adds a class token the classifier learns from,
// and an entity the turn reports. Each test uses a name the training corpus never mentions, so
// only the class can tell the classifier what it is.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/nlu/corpus';
import { loadLexicon } from '../../src/nlu/lexicon';
import { findClasses } from '../../src/nlu/classes';
import { loadMatcher } from '../../src/nlu/load';
import { INTENTS_DIR } from '../../src/paths';

const matcher = loadMatcher();
const corpusText = loadCorpus()
  .flatMap((c) => c.utterances)
  .join('\n')
  .toLowerCase();

/** The probability of `intent` for `text`, with every class or with one switched off. */
function probability(text: string, intent: string, without?: string): number {
  const classes = matcher.lexiconClasses.filter((c) => c.name !== without);
  return matcher.probabilities(matcher.featurize(text, classes)).find((p) => p.intent === intent)!.confidence;
}

/**
 * Log-odds, so the class's effect is measured the same near certainty as at even odds: a message
 * the words alone already read at 0.95 cannot gain 0.05 in probability, but can in log-odds.
 */
const logOdds = (p: number) => Math.log(p / (1 - p));
/** At even odds this is a 0.05 step in probability. */
const MIN_LOG_ODDS_GAIN = 0.2;

const cases = [
  { cls: 'exchange', unseen: 'zonda', text: 'can i still pull my coins off Zonda while this lasts', intent: 'ask_withdraw', entity: ['exchange', 'Zonda'] },
  { cls: 'location', unseen: 'minsk', text: 'my id card is from Minsk, is that the reason', intent: 'inform_kyc_region', entity: ['country', 'belarus'] },
  {
    cls: 'api_error',
    unseen: 'restricted market',
    text: 'my bot gets restricted market from the api since monday',
    intent: 'report_lock',
    entity: ['error', 'RESTRICTED_MARKET'],
  },
  { cls: 'hosting', unseen: 'vultr', text: 'my bot on vultr gets blocked but my laptop does not', intent: 'inform_one_network', entity: ['hosting', 'Vultr'] },
  {
    cls: 'support_channel',
    unseen: 'phone line',
    text: 'wrote on the phone line three times, still no answer',
    intent: 'ask_support_time',
    entity: ['support_channel', 'phone'],
  },
  // A bot check, a rate limit or a bad key is another problem than a region block: out of scope.
  {
    cls: 'other_api_error',
    unseen: 'challenge page',
    text: 'every call from my script now gets a challenge page from the exchange',
    intent: 'out_of_scope',
    entity: ['other_error', 'bot check'],
  },
  { cls: 'duration', unseen: 'nine weeks', text: 'nobody replied for nine weeks now', intent: 'ask_support_time', entity: ['duration', 'nine weeks'] },
] as const;

describe('lexicon classes', () => {
  it('has a file for each class the matcher needs', () => {
    expect(matcher.lexiconClasses.map((c) => c.name).sort()).toEqual([...cases.map((c) => c.cls), 'other_service', 'payment_service'].sort());
  });

  it('other_service decides: a region block of a service that is not an exchange is out of scope', () => {
    const text = 'hulu says not available in your region when i travel';
    expect(corpusText.includes('hulu')).toBe(false);
    expect(matcher.classify(text)).toMatchObject({ intent: 'out_of_scope', entities: { other_service: ['Hulu'] } });
    // Without the class the words alone read as a restriction; naming an exchange too keeps it in scope.
    const without = matcher.lexiconClasses.filter((c) => c.name !== 'other_service');
    expect(matcher.decide(matcher.featurize(text, without)).best.intent).not.toBe('out_of_scope');
    expect(matcher.classify('hulu works but kraken says not available in your region').intent).not.toBe('out_of_scope');
  });

  it('other_service leaves a region lock of the account to the classifier: the VPN for streaming is part of the story', () => {
    for (const text of [
      'Region locked after I used a VPN to watch netflix, forgot to turn it off',
      'I left my vpn on for youtube and now my coins are restricted',
    ]) {
      expect(matcher.classify(text).intent, text).not.toBe('out_of_scope');
    }
    // The same expression, message after message: no state is carried between two messages.
    expect(matcher.classify('netflix says not available in your country even with a vpn').intent).toBe('out_of_scope');
    expect(matcher.classify('netflix says not available in your country even with a vpn').intent).toBe('out_of_scope');
  });

  it('api_error does not count a region word the writer denies', () => {
    const classesOf = (t: string) => matcher.analyse(t).matches.map((m) => m.class.name);
    expect(classesOf('the bot gets 403 since today, not a region issue as far as I can tell')).not.toContain('api_error');
    expect(classesOf('403 forbidden on every call, nothing to do with my location')).not.toContain('api_error');
    expect(classesOf('no geo block on the site as far as I know')).not.toContain('api_error');
    // Stated, they still count.
    expect(classesOf('403 forbidden because of my location')).toContain('api_error');
    expect(classesOf('geo blocked by the front end')).toContain('api_error');
  });

  it('payment_service decides a payment block out of scope, and leaves a block of its crypto feature to the classifier', () => {
    const payments = 'stripe says payouts are not available in your country, our startup is in nigeria';
    expect(matcher.classify(payments)).toMatchObject({ intent: 'out_of_scope', entities: { other_service: ['Stripe'] } });
    const crypto = "paypal says crypto isn't available in your region, I'm in the UK and thought it launched here";
    expect(matcher.classify(crypto).intent).not.toBe('out_of_scope');
    // "crypto" in a message about another kind of service does not bring it in scope.
    expect(matcher.classify('chatgpt says not available in your country, I only wanted it for crypto research').intent).toBe('out_of_scope');
  });

  it.each(cases)('$cls changes how "$text" is read', ({ cls, unseen, text, intent, entity }) => {
    expect(corpusText.includes(unseen), `${unseen} must not be in the corpus`).toBe(false);
    expect(matcher.featurize(text).features).toContain(`cls_${cls}`);
    expect(
      matcher.featurize(
        text,
        matcher.lexiconClasses.filter((c) => c.name !== cls),
      ).features,
    ).not.toContain(`cls_${cls}`);
    expect(logOdds(probability(text, intent)) - logOdds(probability(text, intent, cls))).toBeGreaterThan(MIN_LOG_ODDS_GAIN);
    const result = matcher.classify(text);
    expect(result.intent).toBe(intent);
    expect(result.entities[entity[0]]).toContain(entity[1]);
  });

  it('location names a country on neither country list, by its capital or a city, and spelling correction leaves the name alone', () => {
    for (const [text, country] of [
      ['opened the app for two days in Kabul and now it says region restricted', 'afghanistan'],
      ['expat in Chiang Mai with a uk passport, does the thai block apply to me', 'thailand'],
    ] as const) {
      expect(matcher.classify(text).entities.country, text).toContain(country);
      expect(matcher.featurize(text).features, text).toContain('cls_location');
    }
    // Without the class, "chiang" is corrected to a corpus word ("change", stem "chang") that pulls toward the VPN answer.
    const withoutLocation = matcher.lexiconClasses.filter((c) => c.name !== 'location');
    expect(matcher.featurize('living in chiang mai now', withoutLocation).features).toContain('chang');
    expect(matcher.featurize('living in chiang mai now').features).not.toContain('chang');
  });

  it('makes other exchanges look like the configured one', () => {
    const okx = matcher.classify('OKX says service unavailable in your region');
    const binance = matcher.classify('Binance says service unavailable in your region');
    expect(okx.intent).toBe('report_lock');
    expect(okx.intent).toBe(binance.intent);
    expect(okx.entities.exchange).toEqual(['OKX']);
  });

  it('reports every entity kind in order, once each', () => {
    const r = matcher.classify(
      'Bybit API returns 451 restricted location from my AWS box in us-east-1. I live in Germany, support has ignored my ticket for 3 weeks.',
    );
    expect(r.entities).toMatchObject({
      exchange: ['Bybit'],
      error: ['451', 'restricted location'],
      hosting: ['AWS', 'us east 1'],
      country: ['germany'],
      support_channel: ['ticket'],
      duration: ['3 weeks'],
    });
  });

  it('does not read the pronoun "us" as the United States', () => {
    expect(matcher.classify('please contact us about my account').entities.country).toBeUndefined();
    expect(matcher.classify('i am a us resident').entities.country).toEqual(['united states']);
  });

  it('keeps names and error strings out of spelling correction', () => {
    expect(matcher.classify('okx blocked me').words).toContain('okx');
  });

  it('names the file, the entry and the problem for bad data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    cpSync(join(INTENTS_DIR, 'lexicon'), dir, { recursive: true });
    writeFileSync(join(dir, 'classes', 'hosting.yaml'), "class: hosting\nentity: hosting\npatterns:\n  AWS: ['\\baws(\\b']\n");
    expect(() => loadLexicon(dir)).toThrow(/hosting\.yaml: entry patterns\.AWS\.0: not a valid regular expression/);
    writeFileSync(join(dir, 'classes', 'hosting.yaml'), "class: hosting\nentity: hosting\npatterns:\n  AWS: ['\\b(aws)\\b']\n");
    expect(() => loadLexicon(dir)).toThrow(/hosting\.yaml: entry patterns\.AWS\.0: use \(\?:…\) instead of a capturing group/);
    writeFileSync(join(dir, 'classes', 'hosting.yaml'), 'class: Hosting\nentity: hosting\n');
    expect(() => loadLexicon(dir)).toThrow(/hosting\.yaml: entry class: must be lower-case/);
  });

  it('adding an exchange is one line of data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    cpSync(join(INTENTS_DIR, 'lexicon'), dir, { recursive: true });
    const file = join(dir, 'classes', 'exchange.yaml');
    writeFileSync(file, `${require('node:fs').readFileSync(file, 'utf8')}  Kanga: [kanga exchange]\n`);
    const found = findClasses(['i', 'use', 'kanga', 'exchange'], loadLexicon(dir).classes);
    expect(found.map((m) => [m.class.name, m.value, m.start, m.end])).toEqual([['exchange', 'Kanga', 2, 4]]);
  });
});

// Long messages are read sentence by sentence: greetings, stories and signatures must not drown
// the request, and every question is listed in the order it was asked.
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../src/nlu/load';
import { clauses } from '../../src/nlu/clauses';

const matcher = loadMatcher();
const intentsOf = (text: string) => matcher.classify(text).intents.map((i) => i.intent);

describe('long messages', () => {
  it('finds the question at the end of a greeting, a story and a signature', () => {
    const text =
      'Hello team, hope you are well. I have used Binance since 2019 from Spain and never had a problem. ' +
      'Yesterday the app said my region is not supported. Can I still take my money out? Thanks in advance, Ana';
    const r = matcher.classify(text);
    expect(r.intent).toBe('ask_withdraw');
    expect(intentsOf(text)).toEqual(['report_lock', 'ask_withdraw']);
  });

  it('lists every question in the order asked', () => {
    expect(intentsOf('Hi. Is my money safe? Can I cancel my open orders? And how long does support usually take to reply?')).toEqual([
      'ask_asset_safety',
      'ask_allowed_actions',
      'ask_support_time',
    ]);
  });

  it('keeps a report a report when it only opens and closes politely', () => {
    const r = matcher.classify('Good morning. My Kraken account shows service not available in your country since last week. Best regards, Tom');
    expect(r.intent).toBe('report_lock');
    expect(r.intents.map((i) => i.intent)).toEqual(['report_lock']);
  });

  it('a message that is surely about another problem stays out of scope, whatever its question sounds like', () => {
    // "Will I get it?" alone reads as getting an account back; the whole message is a missing deposit.
    const deposit = matcher.classify(
      'I moved 300 USDT from my Ledger to Kraken six hours ago and the explorer says confirmed, but the balance is still zero. Will I get it?',
    );
    expect(deposit.intent).toBe('out_of_scope');
    expect(deposit.intents.map((i) => i.intent)).toEqual(['out_of_scope']);
    const hold = matcher.classify('I changed my password this morning and now withdrawals are paused for 24 hours. Can you lift it sooner?');
    expect(hold.intent).toBe('out_of_scope');
  });

  it('a surer, more specific reading of the whole beats a side question', () => {
    const r = matcher.classify(
      "Binance won't let me log in since I arrived in Brazil. Password and 2FA are right, then the face check fails and it says try again in 24 hours. Is the face check because of the country change?",
    );
    expect(r.intent).toBe('inform_cannot_login');
  });

  it('a generic closing question does not turn a story about something else into a restriction question', () => {
    const question = 'How long do they usually take to answer?';
    const deposit = `Hi. Last Friday I sent 300 USDT to my KuCoin deposit address and it never showed up, the explorer says it arrived. ${question}`;
    const restricted = `Hi. Last Friday KuCoin restricted my account because of my country. ${question}`;
    expect(matcher.classify(deposit).intent).toBe('out_of_scope');
    expect(intentsOf(deposit)).toEqual(['out_of_scope']);
    expect(matcher.classify(restricted).intent).toBe('ask_support_time');
  });

  it('a message of only social sentences is still social', () => {
    expect(matcher.classify('hey there, thanks').intent).toMatch(/^(greeting|thanks_goodbye)$/);
  });

  it('"what does that mean" after a pasted error asks for help with the report', () => {
    const r = matcher.classify('My bot on AWS now gets {"code":0,"msg":"Service unavailable from a restricted location"}. What does that mean?');
    expect(r.intent).toBe('report_lock');
  });

  it('splits on sentence ends and on joined questions, as word ranges with a question flag', () => {
    const text = 'my account is locked. can i withdraw and can i trade';
    const found = clauses(
      text,
      [...text.matchAll(/[a-z]+/g)].map((m) => m.index!),
    );
    expect(found.map((c) => [c.start, c.end, c.question])).toEqual([
      [0, 4, false],
      [4, 7, true],
      [8, 11, true],
    ]);
  });

  it('does not split a statement at a plain "and" before "I"', () => {
    const text = 'my wife and i are moving to portugal but i still have funds there';
    const found = clauses(
      text,
      [...text.matchAll(/[a-z]+/g)].map((m) => m.index!),
    );
    expect(found.map((c) => [c.start, c.end])).toEqual([
      [0, 8],
      [9, 14],
    ]);
  });
});

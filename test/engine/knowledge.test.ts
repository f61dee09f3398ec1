// The answer content: every fact of the knowledge source is reachable through the bot, every
// FAQ answer comes back for a typed question, and settings fill the exchange name and links.
import { describe, expect, it } from 'vitest';
import { conversation, testEngine } from '../helpers/bot';
import { loadKnowledge } from '../../src/knowledge/load';
import { replayConversation } from '../../src/engine/replay';
import { loadStories } from '../../src/stories/stories';

/** Typed question → a phrase its answer must contain. */
const FAQ: [string, RegExp][] = [
  ['are my funds safe?', /still belong to you|remain yours/i],
  ['can I still withdraw my crypto?', /most cases/i],
  ['what can I still do with a region locked account?', /cancel orders/i],
  ['will using a vpn fix it?', /against .*terms/i],
  ['does the restriction affect my sub-accounts?', /sub-accounts follow/i],
  ['can I delete my account and register a new one?', /same ID document/i],
  ["what's the difference between region locked and frozen?", /permanent ban/i],
  ['how long does support take to fix this?', /7–15 days/],
  ['can my account be unlocked again later?', /one-way/i],
  ['how do I avoid getting restricted in the future?', /on-chain/i],
  ['how do I close my account and move my funds?', /another exchange/i],
  ['how do I change my kyc country?', /overseas residence permit/i],
  ['can I still log in if my region is locked?', /can still log in/i],
  ['what does region locked mean?', /can mean several/i],
];

describe('FAQ answers', () => {
  for (const [question, expected] of FAQ) {
    it(question, () => {
      const t = conversation().say(question);
      expect(t.reply, `${t.intent}: ${t.reply.slice(0, 200)}`).toMatch(expected);
    });
  }
});

describe('every fact of the knowledge source reaches the user in a reply', () => {
  // Drive the bot: every FAQ, both overviews, and every story (each cause's diagnosis).
  const replies: string[] = [];
  for (const [question] of FAQ) replies.push(conversation().say(question).reply);
  for (const text of ['what are all the possible causes?', 'how do you tell the causes apart?', 'how do I reinstall the official app on iOS?']) {
    replies.push(conversation().say(text).reply);
  }
  for (const story of loadStories()) {
    const c = conversation();
    for (const t of story.turns) replies.push(c.say(t.user, t.option).reply);
  }
  const all = replies.join('\n');
  const facts: [string, RegExp][] = [
    ['risk control lifts in 24–72 h', /24–72 hours/],
    ['false positive 24–48 h', /24–48 hours/],
    ['information update 3–7 days', /3–7 days/],
    ['appeals 7–15 days', /7–15 days/],
    ['policy restrictions unchangeable', /can't be changed by support|can't change it/],
    ['2023 European exits', /2023.{0,80}European/],
    ['reasons of exits', /regulatory.{0,40}compliance.{0,40}legal/i],
    ['advance notice', /advance notice/],
    ['IP jump example', /China → US → India → Russia/],
    ['mainland China KYC', /Mainland China/],
    ['overseas residence permit', /overseas residence permit/],
    ['redo KYC', /redo (?:the )?KYC/i],
    ['VPN exit IPs misjudged', /VPN/],
    ['still works: balances, withdraw, cancel, support', /balances[\s\S]*Withdrawing[\s\S]*Cancelling[\s\S]*support/],
    ['blocked: orders, fiat, KYC upgrade', /new orders[\s\S]*Fiat deposits[\s\S]*Upgrading/],
    [
      'assets not frozen, yours, withdrawals, support helps',
      /does not freeze your assets[\s\S]*still belong to you[\s\S]*withdrawals are usually still possible[\s\S]*help you withdraw/,
    ],
    ['prevention: on-chain', /part of your assets on-chain/],
    ['closing: info retained, withdrawals continue', /keeps basic account information for a period/],
    ['sub-accounts follow', /Sub-accounts follow/],
    ['re-register flagged again', /flagged again/],
    ['frozen vs lock', /login is refused/],
    ['permanent ban irreversible', /permanent ban is irreversible|Permanent ban\*\*: cannot be reversed/],
    ['official app and website', /official download page/],
    ['iOS guide', /iOS/],
  ];
  for (const [name, pattern] of facts) it(name, () => expect(all).toMatch(pattern));
});

describe('settings', () => {
  it('fills the exchange name and links everywhere', () => {
    const k = loadKnowledge({
      name: 'OKX',
      websiteUrl: 'https://okx.example',
      appUrl: 'https://okx.example/app',
      announcementsUrl: 'https://okx.example/news',
      supportUrl: 'https://okx.example/help',
    });
    const all = JSON.stringify({ a: k.answers, c: k.causes, s: k.shared, q: k.questions });
    // Only the per-message placeholders remain ({agent} in agent messages, {other} in the note for another exchange's user).
    expect((all.match(/\{[a-z_]+\}/g) ?? []).filter((p) => p !== '{agent}' && p !== '{other}')).toEqual([]);
    expect(all).not.toMatch(/Binance/);
    expect(k.causes.kyc_region.resolution.join(' ')).toContain('https://okx.example/help');
  });

  it('replay output uses the configured name', () => {
    const turns = replayConversation(testEngine(), ['hello']);
    expect(turns[0]!.reply).toContain('Binance');
  });
});

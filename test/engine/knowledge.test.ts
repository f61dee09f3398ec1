// The answer content: every fact of the knowledge source is reachable through the bot, every
// FAQ answer comes back for a typed question, and settings fill the exchange name and links.
import { describe, expect, it } from 'vitest';
import { conversation, testEngine } from '../helpers/bot';
import { loadKnowledge, type AnswerKey } from '../../src/knowledge/load';
import { loadDomain } from '../../src/domain/load';
import { languageDir } from '../../src/language/languages';
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

/** The same questions in Chinese → a phrase of the Chinese answer. */
const FAQ_ZH: [string, RegExp][] = [
  ['我的资产安全吗？', /仍然属于您/],
  ['还能提币吗？', /大多数情况下/],
  ['地区限制的账号还能做什么？', /撤销/],
  ['用 VPN 能解决吗？', /用户协议/],
  ['子账号也会受影响吗？', /子账[户号]跟随主账[户号]/],
  ['能注销账号重新注册一个吗？', /同一份身份证件/],
  ['地区限制和账号冻结有什么区别？', /永久封禁/],
  ['客服要多久才能处理好？', /7–15 天/],
  ['以后账号还能解封吗？', /单向/],
  ['以后怎么避免再被限制？', /链上/],
  ['怎么注销账号，把钱转走？', /另一家交易所|其他交易所|别的交易所/],
  ['怎么修改 KYC 的国家？', /海外居留许可/],
  ['地区限制了还能登录吗？', /仍然可以登录|仍然能登录|仍能登录|还能登录/],
  ['地区限制是什么意思？', /几种/],
];

describe('FAQ answers in Chinese', () => {
  for (const [question, expected] of FAQ_ZH) {
    it(question, () => {
      const t = conversation().say(question);
      expect(t.language).toBe('zh');
      expect(t.reply, `${t.intent}: ${t.reply.slice(0, 200)}`).toMatch(expected);
    });
  }
});

describe('every fact of the knowledge source reaches a Chinese user too', () => {
  const replies: string[] = [];
  for (const [question] of FAQ_ZH) replies.push(conversation().say(question).reply);
  for (const text of ['可能的原因都有哪些？', '怎么区分这几种原因？', '怎么在 iOS 上重新安装官方 App？']) replies.push(conversation().say(text).reply);
  for (const story of loadStories().filter((s) => s.language === 'zh')) {
    const c = conversation();
    for (const t of story.turns) {
      const turn = c.say(t.user, t.option);
      replies.push(turn.reply);
      // Each diagnosis's details (all steps, times, reactivation) are one click away: expand them.
      if (turn.options.some((o) => o.id === 'more:steps')) replies.push(c.say('接下来我该怎么做？', 'more:steps').reply);
    }
  }
  const all = replies.join('\n');
  const facts: [string, RegExp][] = [
    ['risk control lifts in 24–72 h', /24–72 小时/],
    ['false positive 24–48 h', /24–48 小时/],
    ['information update 3–7 days', /3–7 天/],
    ['appeals 7–15 days', /7–15 天/],
    ['policy restrictions unchangeable', /客服无法更改|无法更改/],
    ['2023 European exits', /2023 年.{0,40}欧洲/],
    ['reasons of exits', /监管.{0,20}合规.{0,20}(?:诉讼|法律)/],
    ['advance notice', /提前收到通知|提前.{0,6}通知/],
    ['IP jump example', /中国 → 美国 → 印度 → 俄罗斯/],
    ['mainland China KYC', /中国大陆/],
    ['overseas residence permit', /海外居留许可/],
    ['redo KYC', /重新做.{0,4}KYC/],
    ['VPN exit IPs misjudged', /VPN.{0,6}出口/],
    ['still works: balances, withdraw, cancel, support', /余额[\s\S]*提币[\s\S]*撤销[\s\S]*客服/],
    ['blocked: orders, fiat, KYC upgrade', /新开订单[\s\S]*法币入金[\s\S]*升级/],
    ['assets not frozen, yours, withdrawals, support helps', /不等于资产被冻结[\s\S]*仍然属于您[\s\S]*仍然可以提币[\s\S]*协助您提币/],
    ['prevention: on-chain', /一部分资产放在链上/],
    ['closing: info retained, withdrawals continue', /保留账号基本信息/],
    ['sub-accounts follow', /子账[户号]跟随主账[户号]/],
    ['re-register flagged again', /再次被标记/],
    ['frozen vs lock', /登录被拒绝|无法登录/],
    ['permanent ban irreversible', /永久封禁\*\*(?:：)?不可逆|永久封禁无法撤销|永久封禁不可逆/],
    ['official app and website', /官方下载页/],
    ['iOS guide', /iOS/],
  ];
  for (const [name, pattern] of facts) it(name, () => expect(all).toMatch(pattern));
  it('no reply of a Chinese conversation is in English', () => {
    for (const r of replies) expect(r, r.slice(0, 120)).toMatch(/\p{Script=Han}/u);
  });
});

describe('answer wordings the domain chooses (domain.yaml faq_variants)', () => {
  it('exist in every language', () => {
    const { faqVariants } = loadDomain();
    expect(faqVariants.length).toBeGreaterThan(0);
    for (const language of ['en', 'zh'] as const) {
      const answers = loadKnowledge(undefined, languageDir('knowledge', language)).answers;
      for (const v of faqVariants) expect(answers[v.intent as AnswerKey].variants[v.variant], `${language} ${v.intent}.${v.variant}`).toBeDefined();
    }
  });
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

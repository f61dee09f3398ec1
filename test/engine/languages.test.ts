// The conversation's language: detected per message, sticky unless the user clearly switches,
// honest about languages the bot does not serve, and the agents' language for triage.
import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../src/engine/language';
import { detectLanguage } from '../../src/language/detect';
import { createEngine } from '../../src/engine/index';
import { loadConfig } from '../../src/config';
import { conversation, testEngine } from '../helpers/bot';
import { loadLanguageTable } from '../../src/language/languages';
import { read } from '../../src/engine/stages/read';

const served = ['en', 'zh'];
const choose = (previous: string | undefined, text: string, picked = false) => chooseLanguage(previous, detectLanguage(text), served, picked);

describe('choosing the language of a message', () => {
  it('takes the language of a clear message, a mixed Chinese-English one included', () => {
    expect(choose(undefined, 'my account says region not supported')).toEqual({ language: 'en', unsupported: null });
    expect(choose(undefined, '币安 KYC 显示 region not supported')).toEqual({ language: 'zh', unsupported: null });
    expect(choose('en', '币安 KYC 显示 region not supported').language).toBe('zh');
  });

  it('keeps the conversation language for replies that say nothing about language', () => {
    for (const text of ['ok', 'vpn', '2', '👍', 'KYC', 'yes']) expect(choose('zh', text).language, text).toBe('zh');
    expect(choose('en', '好').language).toBe('zh'); // one Han character is still Chinese script
    expect(choose('zh', 'anything', true).language).toBe('zh'); // a clicked label is in the conversation's language
  });

  it('switches when the user clearly writes another served language', () => {
    expect(choose('zh', 'can I still withdraw my funds?').language).toBe('en');
    expect(choose('en', '我的资产安全吗？').language).toBe('zh');
  });

  it('names a clear unserved language and keeps the conversation language', () => {
    expect(choose('zh', 'Hola, mi cuenta dice que mi región no está disponible')).toEqual({ language: 'zh', unsupported: 'es' });
    expect(choose(undefined, 'Привет, мой аккаунт заблокирован')).toEqual({ language: 'en', unsupported: 'ru' });
    // Keyboard noise is not a language.
    expect(choose('en', 'blorp flim flam wibble').unsupported).toBeNull();
  });
});

describe('facts read from Chinese messages (intents/lexicon/zh/slots.yaml)', () => {
  const facts = (text: string) => read({ matcher: testEngine().pack('zh').matcher, domain: testEngine().domain }, { text }).extraction.slots;
  const cases: [string, Record<string, unknown>][] = [
    ['所有网络都不行，流量和wifi都试了', { scope: 'all' }],
    ['只有公司网络才这样', { scope: 'one' }],
    ['我是用中国身份证做的实名认证', { kycRestricted: true }],
    ['KYC 填的是德国', { kycRestricted: false }],
    ['收到邮件说要退出我们国家的市场', { announcement: true }],
    ['没收到任何邮件', { announcement: false }],
    ['昨天切换了好几个国家的节点', { ipJumps: true }],
    ['我人在大陆', { location: 'restricted' }],
    ['我现在在新加坡', { location: 'supported' }],
    ['挂了梯子登录的', { location: 'vpn' }],
    ['我最近在日本出差', { trip: true }],
    ['我住在香港', { residence: 'supported' }],
    ['睡了一觉第二天自己就好了', { recovered: true }],
    ['账号被冻结了，登录不了', { cannotLogin: true }],
    ['用量化机器人跑的，服务器在美东', { api: true, serverLocation: 'restricted' }],
  ];
  for (const [text, expected] of cases) it(text, () => expect(facts(text)).toMatchObject(expected));

  it('a question names no facts of the user, with or without "？"', () => {
    expect(facts('出差会导致地区限制吗').trip).toBeUndefined();
    expect(facts('地区限制和账号冻结有什么区别？').cannotLogin).toBeUndefined();
  });

  it('yes, no and not sure on their own answer the pending question', () => {
    const c = conversation();
    c.say('币安提示地区受限');
    c.say('不确定');
    expect(c.say('没有').state).toBe('ask_kyc_region');
    expect(c.state?.slots.ipJumps).toBe(false);
    expect(c.say('是').cause).toBe('kyc_region');
  });
});

describe('the engine in two languages', () => {
  it('marks every turn with its language and keeps it across short replies', () => {
    const c = conversation();
    const first = c.say('币安账号显示不支持您所在的地区');
    expect(first.language).toBe('zh');
    expect(first.state).toBe('ask_scope');
    const second = c.say('all');
    expect(second.language).toBe('zh');
    expect(c.state?.language).toBe('zh');
  });

  it('a pasted English error keeps a Chinese conversation in Chinese; a plain English sentence switches', () => {
    const pasted = [
      'binance {"code":0,"msg":"Service unavailable from a restricted location according to \'b. Eligibility\' in https://www.binance.com/en/terms."}',
      'ccxt.base.errors.ExchangeNotAvailable: binance GET https://api.binance.com/api/v3/exchangeInfo 451',
      'APIError(code=0): Service unavailable from a restricted location',
    ];
    const table = loadLanguageTable();
    for (const text of pasted) {
      expect(
        table.pastedText.some((p) => p.test(text)),
        text,
      ).toBe(true);
      const c = conversation();
      expect(c.say('我的量化机器人在服务器上报错了').language).toBe('zh');
      const turn = c.say(text);
      expect(turn.language, text).toBe('zh');
      expect(turn.reply).toMatch(/\p{Script=Han}/u);
    }
    for (const text of ['can I still withdraw my funds?', 'my account says region not supported, what should I do']) {
      expect(
        table.pastedText.some((p) => p.test(text)),
        text,
      ).toBe(false);
    }
    const c = conversation();
    c.say('我的量化机器人在服务器上报错了');
    expect(c.say('can I still withdraw my funds?').language).toBe('en');
    // A first message has no language to keep: a pasted English error starts in English.
    expect(conversation().say(pasted[0]!).language).toBe('en');
  });

  it('answers an unserved language in that language, offering English or Chinese, never "off-topic"', () => {
    const table = loadLanguageTable();
    for (const [text, code] of [
      ['Hola, mi cuenta dice que mi región no está disponible', 'es'],
      ['Привет, мой аккаунт заблокирован, что делать?', 'ru'],
      ['アカウントがロックされました', 'ja'],
    ] as const) {
      const t = conversation().say(text);
      expect(t.reply, text).toBe(table.unsupported[code]!.trim());
      expect(t.reply).not.toMatch(/outside what I can help/i);
      expect(t.reply).toMatch(/English|中文/);
    }
  });

  it('with LANGUAGES=en, Chinese gets the "English only for now" note and the English reading goes on', () => {
    const e = createEngine(loadConfig({ LANGUAGES: 'en' }), { matcher: testEngine().matcher });
    const t = e.answer('币安账号显示不支持您所在的地区');
    expect(t.language).toBe('en');
    expect(t.reply).toMatch(/only answer in \*\*English\*\*/);
  });

  it('triage reads a Chinese ticket: the card in the agents language, the macro in the customer language', () => {
    const ticket = '客户说：从昨天开始 App 一直提示不支持您所在的地区，家里 wifi 和手机流量都一样。我是用中国身份证做的实名认证。';
    const en = testEngine().triage(ticket);
    expect(en.causes[0]!.cause).toBe('kyc_region');
    expect(en.processingTime).toMatch(/3–7 days/);
    expect(en.suggestedReply).toMatch(/^您好/);
    expect(en.suggestedReply).toContain('3–7 天');
    const zhAgents = createEngine(loadConfig({ AGENT_LANGUAGE: 'zh' })).triage('my region is not supported, on wifi and mobile data');
    expect(zhAgents.processingTime).toMatch(/\p{Script=Han}/u);
    expect(zhAgents.missingFacts.join(' ')).toMatch(/\p{Script=Han}/u);
    expect(zhAgents.suggestedReply).toMatch(/^Hi, thanks/);
  });
});

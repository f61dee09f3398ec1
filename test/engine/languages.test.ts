// The conversation's language: detected per message, sticky unless the user clearly switches,
// honest about languages the bot does not serve, and the agents' language for triage.
import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../src/engine/language';
import { detectLanguage } from '../../src/language/detect';
import { createEngine } from '../../src/engine/index';
import { loadConfig } from '../../src/config';
import { conversation, testEngine } from '../helpers/bot';
import { loadLanguageTable } from '../../src/language/languages';

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

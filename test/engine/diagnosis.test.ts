import { describe, expect, it } from 'vitest';
import { conversation } from '../helpers/bot';

describe('diagnosis from different openings', () => {
  it('diagnoses KYC region without asking when the first message says everything', () => {
    const c = conversation();
    const t = c.say('It says region not supported on every network since I registered with mainland China as residence');
    expect(t.cause).toBe('kyc_region');
    expect(t.state).toBe('diagnosed');
  });

  it('a pasted API error is the lock itself, not news that the exchange is leaving: it asks where the server runs', () => {
    const c = conversation();
    const t = c.say(
      `ccxt.base.errors.ExchangeNotAvailable: binance {"code":0,"msg":"Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms."}`,
    );
    expect(t.state).toBe('ask_server_location');
    expect(c.state?.slots).toEqual({ api: true });
    expect(c.say('the server is on aws in us-east-1').state).toBe('ask_residence');
  });

  it.each([
    ['aws tokyo', 'supported'],
    ['ap-southeast-1', 'supported'],
    ['a singapore vps', 'supported'],
    ['vultr dallas', 'restricted'],
    ['aws virginia', 'restricted'],
  ])('takes "%s" as the answer to where the server runs (%s)', (answer, value) => {
    const c = conversation();
    c.say('binance.error.ClientError: (451, 0, "Service unavailable from a restricted location")');
    const t = c.say(answer);
    expect(c.state?.slots.serverLocation).toBe(value);
    expect(t.state).toBe('ask_residence');
  });

  it('asks the scope question first, with options, for a bare report', () => {
    const c = conversation();
    const t = c.say('my account says your region is not supported');
    expect(t.state).toBe('ask_scope');
    expect(t.options.map((o) => o.label)).toContain('Every network');
    expect(t.cause).toBeNull();
  });

  it('reaches kyc_region through option clicks', () => {
    const c = conversation();
    c.say('Region Locked on my account, help');
    const t1 = c.say('Every network', 'scope:all');
    expect(t1.state).toBe('ask_kyc_region');
    const t2 = c.say('A restricted country (e.g. mainland China)', 'kyc_region:restricted');
    expect(t2.cause).toBe('kyc_region');
  });

  it('reaches policy_change when the user got an exit announcement', () => {
    const c = conversation();
    c.say('binance says my region is not supported anymore');
    c.say('all networks');
    c.say('a supported country');
    const t = c.say('yes');
    expect(t.cause).toBe('policy_change');
  });

  it('reaches policy_change from a volunteered email', () => {
    const c = conversation();
    const t = c.say('got an email that the exchange is leaving my country and now my account is restricted');
    expect(t.cause).toBe('policy_change');
  });

  it('reaches ip_geo: one network, in a restricted country', () => {
    const c = conversation();
    c.say('region restricted error when I open the app');
    c.say('only this network');
    const t = c.say("I'm in China right now");
    expect(t.cause).toBe('ip_geo');
  });

  it('reaches ip_misidentified: one network in a supported country', () => {
    const c = conversation();
    c.say('my account is geo-blocked');
    c.say('only on my home wifi, mobile data works');
    const t = c.say('A supported country', 'location:supported');
    expect(t.cause).toBe('ip_misidentified');
  });

  it('reaches ip_misidentified for a VPN/office network', () => {
    const c = conversation();
    c.say('Your region is not supported, what?');
    c.say('just this one');
    const t = c.say('through a vpn');
    expect(t.cause).toBe('ip_misidentified');
  });

  it('reaches risk_control after travel', () => {
    const c = conversation();
    const t = c.say('I have been travelling between 4 countries this week and now it says region restricted');
    expect(t.cause).toBe('risk_control');
  });

  it('reaches risk_control when it went away by itself', () => {
    const c = conversation();
    c.say('my account got region locked yesterday');
    const t = c.say('it fixed itself after a day actually');
    expect(t.cause).toBe('risk_control');
  });

  it('reaches account_frozen when the user cannot log in at all, with a hand-off', () => {
    const c = conversation();
    const t = c.say('I cannot log in at all, login denied');
    expect(t.cause).toBe('account_frozen');
    expect(t.handoff?.reason).toBe('account_frozen');
  });
});

describe('dialogue behaviour', () => {
  it('answers a digression and asks the pending question again', () => {
    const c = conversation();
    c.say('region not supported message on my account');
    const t = c.say('wait, are my funds safe?');
    expect(t.state).toBe('ask_scope');
    expect(t.reply.toLowerCase()).toMatch(/frozen|belong|yours/);
    expect(t.options.map((o) => o.label)).toContain('Every network');
    expect(c.say('every network').state).toBe('ask_kyc_region');
  });

  it('changes the diagnosis on a correction', () => {
    const c = conversation();
    c.say('region locked');
    c.say('only this network');
    const t1 = c.say('a supported country');
    expect(t1.cause).toBe('ip_misidentified');
    const t2 = c.say('actually it happens on mobile data too');
    expect(t2.cause).not.toBe('ip_misidentified');
    expect(t2.state === 'diagnosed' || t2.state.startsWith('ask_')).toBe(true);
  });

  it('"not sure" leads to a different question, then a best guess with its uncertainty', () => {
    const c = conversation();
    c.say('my region is not supported');
    const t1 = c.say('not sure');
    expect(t1.state).not.toBe('ask_scope');
    expect(t1.state.startsWith('ask_')).toBe(true);
    let t = t1;
    for (let i = 0; i < 5 && t.state !== 'diagnosed'; i++) t = c.say('no idea');
    expect(t.state).toBe('diagnosed');
    expect(t.causeConfidence).toBeLessThan(0.7);
  });

  it('"start over" resets the conversation', () => {
    const c = conversation();
    c.say('region locked on every network');
    const t = c.say('start over');
    expect(t.cause).toBeNull();
    expect(c.state?.slots.scope).toBeUndefined();
  });

  it('an idle conversation starts fresh', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    const t = c.say('hello', undefined, 2 * 3600_000);
    expect(c.state?.slots.scope).toBeUndefined();
    expect(t.state).not.toBe('ask_kyc_region');
  });

  it('answers two questions in one message', () => {
    const c = conversation();
    const t = c.say('can I still withdraw my coins? and how long does support take?');
    const names = t.intents.map((i) => i.intent);
    expect(names).toContain('ask_withdraw');
    expect(names).toContain('ask_support_time');
    expect(t.reply).toMatch(/7-15|7–15|3-7|24-48/);
  });

  it('hands off on request and then stays quiet', () => {
    const c = conversation();
    c.say('region locked on all networks');
    const t = c.say('I want to talk to a real person');
    expect(t.handoff?.reason).toBe('user_request');
    expect(t.handoff?.facts.join(' ')).toMatch(/every network/i);
    const quiet = c.say('hello?');
    expect(quiet.silent).toBe(true);
  });

  it('hands off after repeated misunderstanding', () => {
    const c = conversation();
    let t = c.say('asdkj qwpoe zzxv');
    for (let i = 0; i < 4 && !t.handoff; i++) t = c.say('blorp flim flam wibble');
    expect(t.handoff?.reason).toBe('repeated_misunderstanding');
  });
});

// Dialogue behaviour beyond the happy path: digressions, corrections, "not sure", reset,
// expiry and hand-off, checked on the turn contract and the stored state.
import { describe, expect, it } from 'vitest';
import { conversation, testEngine } from '../helpers/bot';
import { createEngine } from '../../src/engine/index';
import { loadConfig } from '../../src/config';

describe('digressions', () => {
  it('answers a withdrawal question while the KYC question is pending, then asks it again', () => {
    const c = conversation();
    c.say('region locked');
    expect(c.say('every network').state).toBe('ask_kyc_region');
    const t = c.say('can I still withdraw my money?');
    expect(t.reply).toMatch(/most cases/i);
    expect(t.state).toBe('ask_kyc_region');
    expect(t.reply).toMatch(/country of residence/i);
    expect(t.options.map((o) => o.id)).toContain('kyc_region:restricted');
    expect(c.say('mainland china').cause).toBe('kyc_region');
  });

  it('answers a VPN question mid-diagnosis and keeps the question', () => {
    const c = conversation();
    c.say('my account says region not supported');
    const t = c.say('will a vpn fix it?');
    expect(t.reply).toMatch(/KYC/);
    expect(t.state).toBe('ask_scope');
  });

  it('shows the symptom table and the list of causes on request, and resumes', () => {
    const c = conversation();
    c.say('region locked');
    const table = c.say('How do you tell the causes apart?', 'info:symptom_table');
    expect(table.reply).toMatch(/every network/i);
    expect(table.reply).toMatch(/by itself/i);
    expect(table.state).toBe('ask_scope');
    const overview = c.say('what are all the possible causes?');
    expect(overview.reply).toMatch(/2023/);
    expect(overview.reply).toMatch(/China → US → India → Russia/);
    expect(overview.state).toBe('ask_scope');
  });

  it('answers a FAQ after the diagnosis without losing it', () => {
    const c = conversation();
    c.say('It says region not supported on every network since I registered with mainland China as residence');
    const t = c.say('does this affect my sub-accounts?');
    expect(t.intent).toBe('ask_subaccounts');
    expect(t.reply).toMatch(/sub-accounts/i);
    expect(t.cause).toBe('kyc_region');
  });

  it('meets thanks or a greeting while a question waits without a goodbye or the full welcome', () => {
    const c = conversation();
    c.say('my binance says region not supported');
    const thanks = c.say('thanks');
    expect(thanks.intent).toBe('thanks_goodbye');
    expect(thanks.reply).toMatch(/^You're welcome\./);
    expect(thanks.reply).not.toMatch(/good luck|write again/i);
    expect(thanks.state).toBe('ask_scope');
    expect(thanks.reply).toMatch(/every network/i);
    const hello = c.say('hello');
    expect(hello.reply).toMatch(/^Hi again!/);
    expect(hello.reply).not.toMatch(/I help with/);
    expect(hello.state).toBe('ask_scope');
    // With nothing waiting, the goodbye is the full one.
    const done = conversation();
    expect(done.say('thanks, bye').reply).toMatch(/good luck/i);
  });
});

describe('corrections', () => {
  it('a KYC correction after a diagnosis changes the cause and says so', () => {
    const c = conversation();
    c.say('region locked message');
    c.say('only this network');
    expect(c.say('a supported country').cause).toBe('ip_misidentified');
    const t = c.say('oh wait, actually I registered with mainland China as my residence');
    expect(t.cause).toBe('kyc_region');
    expect(t.reply).toMatch(/changes the picture/);
  });

  it('a later sentence in the same message wins', () => {
    const t = conversation().say('It happens only on my home wifi. Actually no, it happens on mobile data too.');
    expect(t.state === 'ask_kyc_region' || t.state === 'diagnosed').toBe(true);
  });
});

describe('"not sure"', () => {
  it('moves on to another question instead of repeating the same one', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    const t = c.say("I don't remember");
    expect(t.state).not.toBe('ask_kyc_region');
    expect(t.state.startsWith('ask_') || t.state === 'diagnosed').toBe(true);
  });

  it('ends in the most likely cause with its uncertainty shown', () => {
    const c = conversation();
    c.say('region locked');
    let t = c.say('Not sure', 'scope:unsure');
    for (let i = 0; i < 6 && t.state !== 'diagnosed'; i++) t = c.say('not sure');
    expect(t.state).toBe('diagnosed');
    expect(t.causeConfidence).toBeLessThan(0.7);
    expect(t.reply).toMatch(/can't be completely sure/);
  });
});

describe('reset and expiry', () => {
  it('the Start over option resets a finished diagnosis', () => {
    const c = conversation();
    c.say('I have been travelling between 4 countries this week and now it says region restricted');
    const t = c.say('Start over', 'action:restart');
    expect(t.cause).toBeNull();
    expect(c.state?.diagnosis).toBeNull();
    expect(c.state?.asked).toEqual([]);
    expect(c.say('region locked').state).toBe('ask_scope');
  });

  it('an expired conversation says it started fresh and diagnoses again from scratch', () => {
    const c = conversation();
    c.say('It says region not supported on every network since I registered with mainland China as residence');
    const t = c.say('my region is not supported', undefined, 3 * 3600_000);
    expect(t.reply).toMatch(/fresh conversation/);
    expect(t.cause).toBeNull();
    expect(t.state).toBe('ask_scope');
  });

  it('a conversation held by an agent does not expire', () => {
    const c = conversation();
    c.say('I want to talk to a human');
    const t = c.say('hello?', undefined, 3 * 3600_000);
    expect(t.silent).toBe(true);
  });
});

describe('hand-off', () => {
  it('on request: summary with redacted words, facts, likely cause and next step', () => {
    const c = conversation();
    c.say('region locked on every network, my password is Sup3rSecret99');
    c.say('mainland china');
    const t = c.say('can I speak to an agent please');
    expect(t.handoff?.reason).toBe('user_request');
    expect(t.handoff?.likelyCause).toBe('kyc_region');
    expect(t.handoff?.facts.join(' ')).toMatch(/KYC residence is a restricted country/);
    expect(JSON.stringify(t.handoff)).not.toContain('Sup3rSecret99');
    expect(t.handoff?.suggestedNextStep.length).toBeGreaterThan(10);
    const text = testEngine().formatHandoff(t.handoff!);
    expect(text).toMatch(/kyc_region/);
    expect(text).not.toContain('Sup3rSecret99');
    expect(t.options).toEqual([]);
  });

  it('for a frozen account the summary says it is not a region lock', () => {
    const t = conversation().say('my account is frozen and I am locked out');
    expect(t.handoff?.reason).toBe('account_frozen');
    expect(t.handoff?.likelyCause).toBe('account_frozen');
    expect(t.reply).toMatch(/frozen/i);
  });

  it('after repeated misunderstanding, with a re-asked question in between', () => {
    const c = conversation();
    c.say('region locked');
    const first = c.say('qwfp zxcv plmk');
    expect(first.handoff).toBeNull();
    expect(first.state).toBe('ask_scope');
    let t = first;
    for (let i = 0; i < 4 && !t.handoff; i++) t = c.say('blorp flim flam wibble');
    expect(t.handoff?.reason).toBe('repeated_misunderstanding');
    expect(c.say('anyone?').silent).toBe(true);
  });
});

describe('one reply, no repetition', () => {
  it('a message that settles the diagnosis does not repeat a FAQ answer the diagnosis already covers', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    const t = c.say('I registered with mainland China as my residence, are my funds safe?');
    expect(t.cause).toBe('kyc_region');
    expect(t.reply.match(/not freeze/g)).toHaveLength(1);
  });

  it('two FAQ questions in one message are introduced as two answers', () => {
    const t = conversation().say('does a vpn help? and what happens to my sub-accounts?');
    expect(t.reply).toMatch(/two things/);
    expect(t.reply).toMatch(/Sub-accounts follow/);
    expect(t.reply).toMatch(/KYC/);
  });
});

describe('restart only when asked for', () => {
  it('"can we start over please" resets, "reset my password" does not', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    expect(c.say('reset my password, how?').cause).toBeNull();
    expect(c.state?.slots.scope).toBe('all');
    c.say('can we start over please');
    expect(c.state?.slots.scope).toBeUndefined();
  });

  it('a greeting in the middle of a diagnosis repeats the pending question', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    const t = c.say('hello');
    expect(t.state).toBe('ask_kyc_region');
    expect(t.reply).toMatch(/country of residence/);
  });
});

describe('an answer is read as an answer', () => {
  it('naming a supported country for the location question is not travel', () => {
    const c = conversation();
    c.say('region locked');
    c.say('only this network');
    const t = c.say('I am in Canada');
    expect(t.cause).toBe('ip_misidentified');
    expect(c.state?.slots.ipJumps).toBeUndefined();
  });

  it('a stated location in the opening is not a jump between countries', () => {
    const c = conversation();
    const t = c.say("my account is region locked but I'm in Italy");
    expect(t.cause).not.toBe('risk_control');
    expect(c.state?.slots.location).toBe('supported');
    expect(c.state?.slots.ipJumps).toBeUndefined();
  });
});

describe('negations', () => {
  it('"still not gone" is not a recovery', () => {
    const c = conversation();
    const t = c.say("I've been region locked for 3 days and it's still not gone");
    expect(c.state?.slots.recovered).toBeUndefined();
    expect(t.cause).not.toBe('risk_control');
  });
});

describe('typed option labels', () => {
  it('mean exactly the option, with no unrelated answer attached', () => {
    const c = conversation();
    c.say('region locked');
    c.say('every network');
    const t = c.say('A supported country');
    expect(t.intents).toEqual([{ intent: 'deny', confidence: 1 }]);
    expect(t.state).toBe('ask_announcement');
    expect(t.reply).not.toMatch(/can mean several/);
  });

  it('"through a vpn" answers the location question without the VPN FAQ', () => {
    const c = conversation();
    c.say('region locked');
    c.say('only this network');
    const t = c.say('through a vpn');
    expect(t.cause).toBe('ip_misidentified');
    expect(t.reply.startsWith('**Most likely cause')).toBe(true);
  });
});

describe('settings', () => {
  it('the idle time and the misunderstanding limit come from configuration', () => {
    const e = createEngine(loadConfig({ SESSION_IDLE_MINUTES: '5', HANDOFF_AFTER_MISUNDERSTANDINGS: '2' }));
    const t0 = 1_700_000_000_000;
    let r = e.step(undefined, { text: 'region locked' }, t0);
    r = e.step(r.state, { text: 'every network' }, t0 + 4 * 60_000);
    expect(r.turn.state).toBe('ask_kyc_region');
    const later = e.step(r.state, { text: 'hello' }, t0 + 10 * 60_000);
    expect(later.state.slots.scope).toBeUndefined();
    expect(later.turn.reply).toMatch(/fresh conversation/);

    let m = e.step(undefined, { text: 'qwfp zxcv' }, t0);
    m = e.step(m.state, { text: 'plmk wibble' }, t0 + 1000);
    expect(m.turn.handoff?.reason).toBe('repeated_misunderstanding');
  });
});

describe('"please help" is not a request for a person', () => {
  it('diagnoses instead of handing off', () => {
    const t = conversation().say('hello, my account region locked. pls help');
    expect(t.handoff).toBeNull();
    expect(t.state).toBe('ask_scope');
  });

  it('but "customer service please" is', () => {
    expect(conversation().say('can I talk to customer service please').handoff?.reason).toBe('user_request');
  });
});

describe('questions and comparisons are not statements', () => {
  it('"region lock vs account frozen" answers the difference without diagnosing a freeze', () => {
    const c = conversation();
    const t = c.say("region restriction vs account frozen, what's the diff");
    expect(t.handoff).toBeNull();
    expect(c.state?.slots.cannotLogin).toBeUndefined();
  });

  it('"I cannot log in at all, what should I do?" is a frozen account, answered with its steps only', () => {
    const t = conversation().say('I cannot log in at all, what should I do?');
    expect(t.cause).toBe('account_frozen');
    expect(t.reply).not.toMatch(/long term/);
  });

  it('"was my account terminated" asks, it does not state', () => {
    const c = conversation();
    c.say('was my account terminated or what');
    expect(c.state?.slots.cannotLogin).toBeUndefined();
  });
});

describe('after the diagnosis', () => {
  it('a fact that keeps the same cause gets a short reply, not the whole diagnosis again', () => {
    const c = conversation();
    c.say('It says region not supported on every network since I registered with mainland China as residence');
    const t = c.say('also I never got any email about it');
    expect(t.cause).toBe('kyc_region');
    expect(t.reply).not.toMatch(/Most likely cause/);
    expect(t.options.map((o) => o.id)).toContain('action:restart');
  });

  it('says that a fitting fact agrees with the cause it found, instead of a bare prompt', () => {
    const c = conversation();
    c.say('Binance says region restricted');
    expect(c.say('only on my work wifi, at home its fine').cause).toBe('ip_misidentified');
    const t = c.say('ok thanks, so it is my office network?');
    expect(t.cause).toBe('ip_misidentified');
    expect(t.reply).toMatch(/fits what I found: \*\*Your IP address was probably misidentified\*\*/);
  });

  it('"so what should I do now?" gets the steps; a bare report again gets no "that fits"', () => {
    const c = conversation();
    c.say('the app says restricted location but i am in france');
    expect(c.say('only on my work wifi').cause).toBe('ip_misidentified');
    const steps = c.say('ah ok, so what should i do now');
    expect(steps.reply).toMatch(/IP range/);
    expect(steps.reply).not.toMatch(/Anything else I can help with/);
    expect(steps.options.map((o) => o.id)).not.toContain('more:steps');
    const again = c.say('region locked');
    expect(again.reply).not.toMatch(/fits what I found/);
    expect(again.reply).toMatch(/Anything else I can help with/);
  });

  it('keeps the diagnosis options when a message is not understood', () => {
    const c = conversation();
    c.say('It says region not supported on every network since I registered with mainland China as residence');
    const t = c.say('flim flam zork');
    expect(t.cause).toBe('kyc_region');
    const ids = t.options.map((o) => o.id);
    expect(ids).not.toContain('action:diagnose');
    expect(ids).toContain('action:restart');
  });
});

describe('what the bot is for', () => {
  it('"what can you do?" gets the introduction, not an out-of-scope apology', () => {
    const t = conversation().say('what can you do?');
    expect(t.intent).toBe('greeting');
    expect(t.reply).toMatch(/I help with/);
    expect(t.reply).not.toMatch(/outside what I can help with/);
  });

  it('"how do I get my money out" is not answered with a bare "yes"', () => {
    const t = conversation().say('how do i get my money out of my region locked account');
    expect(t.intent).toBe('ask_withdraw');
    expect(t.reply).toMatch(/withdrawal page/);
    expect(t.reply).not.toMatch(/^\W*(?:in most cases, )?yes\b/i);
  });
});

describe('after an exit announcement', () => {
  it('"how long do I have?" hears of the notice\'s migration period, not only that support cannot change it', () => {
    const c = conversation();
    expect(c.say('Binance emailed me that they are leaving my country, Nigeria. what do I do with my funds?').cause).toBe('policy_change');
    const t = c.say('how long do I have?');
    expect(t.reply).toMatch(/migration period/);
    expect(t.reply).toMatch(/before its deadline/);
  });
});

describe('"are you a bot?"', () => {
  it('says who is answering and how to reach a person, without handing over', () => {
    const c = conversation();
    c.say('binance says region not supported');
    const t = c.say('are you a real person?');
    expect(t.reply).toMatch(/automated assistant/);
    expect(t.reply).toMatch(/talk to a person/);
    expect(t.handoff).toBeNull();
    expect(t.state).toBe('ask_scope');
    expect(t.reply).toMatch(/every network/i);
    // Asking for one still hands over.
    expect(c.say('i want to talk to a real person').state).toBe('handed_off');
  });

  it('answers in Chinese too', () => {
    const t = conversation().say('你是机器人吗？');
    expect(t.reply).toMatch(/自动客服助手/);
    expect(t.handoff).toBeNull();
  });
});

describe('an API user asking whether another server helps', () => {
  it('hears what a server in a supported region fixes, and what it does not', () => {
    const c = conversation();
    c.say('my python bot on aws us-east-1 gets 451 restricted location from the api since this morning');
    const t = c.say('if I move the server to Frankfurt, will that fix it?');
    expect(t.intent).toBe('ask_vpn');
    expect(t.reply).toMatch(/a server in a region Binance serves fixes a block that comes from the server's location/);
    expect(t.reply).toMatch(/doesn't lift a KYC-region lock/);
    expect(t.reply).not.toMatch(/it won't fix it/);
  });

  it('leaves the VPN answer as it is for someone on the app', () => {
    const c = conversation();
    c.say('the binance app says region not supported');
    expect(c.say('will a vpn fix it?').reply).toMatch(/it won't fix it/);
  });
});

describe('a VPN named only to deny it', () => {
  it.each([
    ['binance says region not supported', "I'm not using any VPN or proxy", /Thanks, noted/],
    ['币安显示你所在的地区不支持，怎么办', '我没用VPN', /记下了/],
  ])('"%s" then "%s": no VPN lecture, the question comes again', (first, denial, noted) => {
    const c = conversation();
    expect(c.say(first).state).toBe('ask_scope');
    const t = c.say(denial);
    expect(t.state).toBe('ask_scope');
    expect(t.reply).toMatch(noted);
    expect(t.reply).not.toMatch(/VPN[:：]|won't fix it|解决不了/);
    expect(c.state?.slots.location).toBeUndefined();
  });

  it('a question about a VPN in the same message is still answered', () => {
    const c = conversation();
    c.say('binance says region not supported');
    expect(c.say("I don't use a VPN now. Would a VPN help?").reply).toMatch(/VPN/);
  });
});

describe('a short follow-up after an answer', () => {
  it('"and deposits?" asks the what-still-works question again: its short answer, not out of scope', () => {
    const c = conversation();
    expect(c.say('what can I still do with a region lock?').intent).toBe('ask_allowed_actions');
    const t = c.say('and deposits?');
    expect(t.intent).toBe('ask_allowed_actions');
    expect(t.reply).toMatch(/fiat deposits/);
    expect(t.reply).not.toMatch(/outside what I can help with/);
    // The short form: the full list is not repeated.
    expect(t.reply).not.toMatch(/What you \*\*can't\*\* do/);
    // It chains: the topic is still the same one.
    expect(c.say('what about futures?').intent).toBe('ask_allowed_actions');
  });

  it('carries the funds answer over, and starts no diagnosis from its own weak reading', () => {
    const c = conversation();
    c.say('are my funds safe?');
    const t = c.say('and the nfts?');
    expect(t.intent).toBe('ask_asset_safety');
    expect(t.state).toBe('open');
    expect(t.reply).toMatch(/stay yours/);
  });

  it('means nothing without an answer before it, and a real question is read as itself', () => {
    expect(conversation().say('and deposits?').intent).toBe('out_of_scope');
    const c = conversation();
    c.say('what can I still do with a region lock?');
    expect(c.say('and can i still withdraw?').intent).toBe('ask_withdraw');
  });

  it('works in Chinese', () => {
    const c = conversation();
    c.say('账户被地区限制了，资金安全吗？');
    const t = c.say('那NFT呢？');
    expect(t.intent).toBe('ask_asset_safety');
  });
});

describe("someone else's identity", () => {
  it.each([
    'can i just make a new account with my brothers ID?',
    "could I redo the KYC with my wife's passport instead?",
    'is it ok to buy a verified account?',
  ])('"%s" hears why that is no way out, not only that a new account gets flagged', (text) => {
    const c = conversation();
    c.say('bybit says my region is restricted since I moved to Canada');
    const t = c.say(text);
    expect(t.reply).toMatch(/please don't/i);
    expect(t.reply).toMatch(/legally belong to the person named on the account/);
    expect(t.reply).not.toMatch(/same ID document/);
  });

  it('leaves the plain new-account answer alone, and works in Chinese', () => {
    expect(conversation().say('can i make a new account?').reply).toMatch(/same ID document/);
    const c = conversation();
    c.say('账户被地区限制了');
    expect(c.say('能用我朋友的身份证重新注册吗？').reply).toMatch(/资金在法律上属于账号实名的人/);
  });
});

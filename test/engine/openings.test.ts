// Every cause reached from several different openings: a message with every fact, typed
// answers, clicked options, and facts volunteered out of order.
import { describe, expect, it } from 'vitest';
import { conversation } from '../helpers/bot';
import type { Cause } from '../../src/engine/types';

type Step = string | [label: string, optionId: string];

function run(steps: Step[]) {
  const c = conversation();
  const turns = steps.map((s) => (typeof s === 'string' ? c.say(s) : c.say(s[0], s[1])));
  return { turns, last: turns[turns.length - 1]!, state: c.state };
}

const PATHS: Record<Cause, { name: string; steps: Step[] }[]> = {
  ip_geo: [
    { name: 'typed answers', steps: ['region restricted error when I open the app', 'only this network', "I'm in China right now"] },
    {
      name: 'clicked options',
      steps: ['Region Locked on my account', ['Only this network', 'scope:one'], ["A country Binance doesn't serve", 'location:restricted']],
    },
    { name: 'location volunteered first', steps: ["I'm currently in Iran and the homepage says my region is not available", 'just this one'] },
  ],
  kyc_region: [
    { name: 'everything in the first message', steps: ['It says region not supported on every network since I registered with mainland China as residence'] },
    {
      name: 'clicked options',
      steps: ['my account says region locked', ['Every network', 'scope:all'], ['A restricted country (e.g. mainland China)', 'kyc_region:restricted']],
    },
    { name: 'typed answers', steps: ['Hi, my account says Region Locked', 'every network', 'mainland china'] },
  ],
  policy_change: [
    { name: 'volunteered email', steps: ['got an email that the exchange is leaving my country and now my account is restricted'] },
    { name: 'asked step by step', steps: ['binance says my region is not supported anymore', 'all networks', 'a supported country', 'yes'] },
    {
      name: 'clicked options',
      steps: ['region locked', ['Every network', 'scope:all'], ['A supported country', 'kyc_region:supported'], ['Yes', 'announcement:yes']],
    },
  ],
  risk_control: [
    { name: 'travel in the opening', steps: ['I have been travelling between 4 countries this week and now it says region restricted'] },
    { name: 'went away by itself', steps: ['my account got region locked yesterday', 'it fixed itself after a day actually'] },
    { name: 'not sure, then jumps', steps: ['region not supported', ['Not sure', 'scope:unsure'], ['Yes', 'ip_jumps:yes']] },
  ],
  ip_misidentified: [
    {
      name: 'one network in a supported country',
      steps: ['my account is geo-blocked', 'only on my home wifi, mobile data works', ['A supported country', 'location:supported']],
    },
    { name: 'VPN', steps: ['Your region is not supported, what?', 'just this one', 'through a vpn'] },
    { name: 'country named', steps: ['region locked message', 'only this network', 'I live in Germany'] },
  ],
  account_frozen: [
    { name: 'cannot log in', steps: ['I cannot log in at all, login denied'] },
    { name: 'frozen after questions', steps: ['region locked', 'every network', 'actually my account is frozen, I am locked out'] },
    { name: 'disabled', steps: ['my account was disabled and login is refused'] },
  ],
};

describe('every cause from several openings', () => {
  for (const [cause, paths] of Object.entries(PATHS)) {
    for (const { name, steps } of paths) {
      it(`${cause}: ${name}`, () => {
        const { turns, last } = run(steps);
        const trace = JSON.stringify(turns.map((t) => [t.user, t.intent, t.state, t.cause]));
        expect(last.cause, trace).toBe(cause);
        // Before the last message no cause was given.
        if (turns.length > 1) expect(turns[turns.length - 2]!.cause, trace).toBeNull();
      });
    }
  }
});

describe('the final reply', () => {
  // Issue 12 (short first): the diagnosis opens with the cause and the first step; the rest is
  // offered as options and comes on request.
  it('opens short with the cause and the first step, and offers the details as options', () => {
    const { last } = run(['It says region not supported on every network since I registered with mainland China as residence']);
    const r = last.reply;
    expect(r).toMatch(/KYC/);
    expect(r).toMatch(/proof of address/i);
    expect(r.length).toBeLessThanOrEqual(700);
    expect(last.options.map((o) => o.id)).toEqual(
      expect.arrayContaining(['more:steps', 'ask:ask_withdraw', 'ask:ask_support_time', 'action:human', 'action:restart']),
    );
    expect(last.options.map((o) => o.id)).not.toContain('action:diagnose');
  });

  it('expands into the steps, what works, asset safety, processing time and reactivation', () => {
    const { last } = run(['It says region not supported on every network since I registered with mainland China as residence', 'What should I do next?']);
    const r = last.reply;
    expect(r).toMatch(/overseas residence permit/i);
    expect(r).toMatch(/Withdrawing/);
    expect(r).toMatch(/new orders/i);
    expect(r).toMatch(/does not freeze your assets/i);
    expect(r).toMatch(/3–7 days/);
    expect(r).toMatch(/one-way/i);
  });

  it('gives each cause its own processing time when asked after the diagnosis', () => {
    expect(run(['I have been travelling between 4 countries this week and now it says region restricted', 'how long will it take?']).last.reply).toMatch(
      /24–72 hours/,
    );
    expect(run(['got an email that the exchange is leaving my country and now my account is restricted', 'how long will this take?']).last.reply).toMatch(
      /can't be changed by support/,
    );
    expect(run(['I cannot log in at all, login denied']).last.reply).toMatch(/review/);
  });

  it('never asks what the user already said', () => {
    const { turns } = run(['region locked on every network, and no, I never got any email about it', 'a supported country']);
    expect(turns[0]!.state).toBe('ask_kyc_region');
    expect(turns[1]!.state).not.toBe('ask_announcement');
  });
});

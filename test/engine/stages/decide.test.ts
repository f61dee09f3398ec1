// Stage 2 alone: the action and the new state for a reading, with no reply text involved.
import { describe, expect, it } from 'vitest';
import { read } from '../../../src/engine/stages/read';
import { decide, type Decision } from '../../../src/engine/stages/decide';
import type { ConversationState } from '../../../src/engine/state';
import { testEngine } from '../../helpers/bot';

const T0 = 1_700_000_000_000;

/** Decides each message in turn from a fresh conversation; returns every decision. */
function decideAll(...messages: (string | [string, string])[]): Decision[] {
  const e = testEngine();
  let state: ConversationState | undefined;
  return messages.map((m, i) => {
    const input = typeof m === 'string' ? { text: m } : { text: m[0], optionId: m[1] };
    const d = decide(e, state, read(e, input), T0 + i * 1000);
    state = d.state;
    return d;
  });
}

describe('decide', () => {
  it('asks the scope question for a bare report, with the introduction', () => {
    const [d] = decideAll('my account says your region is not supported');
    expect(d!.action).toMatchObject({ kind: 'ask', question: 'scope', lead: { intro: true, faq: [] }, resumed: false });
    expect(d!.state.pending).toBe('scope');
    expect(d!.state.asked).toEqual(['scope']);
  });

  it('diagnoses from option clicks and records the facts', () => {
    const ds = decideAll('region locked', ['Every network', 'scope:all'], ['A restricted country (e.g. mainland China)', 'kyc_region:restricted']);
    expect(ds[1]!.understood.intent).toBe('inform_all_networks');
    expect(ds[2]!.action).toMatchObject({ kind: 'diagnose', cause: 'kyc_region', correction: false });
    expect(ds[2]!.state.slots).toMatchObject({ scope: 'all', kycRestricted: true });
  });

  it('answers the funds question and then leaves the funds line out of the short diagnosis', () => {
    // Issue 12: the diagnosis opens short (no asset section), so the funds question gets its own
    // compact answer and the headline does not repeat it.
    const [d] = decideAll('are my funds safe? it says region not supported on every network since I registered with mainland China as residence');
    expect(d!.action.kind).toBe('diagnose');
    if (d!.action.kind === 'diagnose') {
      expect(d!.action.lead.faq).toContain('ask_asset_safety');
      expect(d!.action.funds).toBe(false);
    }
  });

  it('hands off a frozen account with the diagnosis, then only listens', () => {
    const ds = decideAll('I cannot log in at all, login denied', 'hello?');
    expect(ds[0]!.action).toMatchObject({ kind: 'hand_off', reason: 'account_frozen', diagnosis: { cause: 'account_frozen' } });
    expect(ds[1]!.action).toEqual({ kind: 'listen' });
  });

  it('restarts, answers overviews and falls back without touching the facts it should not', () => {
    const ds = decideAll('region locked on every network', 'start over', 'how do you tell the causes apart?', 'asdkj qwpoe zzxv');
    expect(ds[1]!.action).toEqual({ kind: 'restart' });
    expect(ds[1]!.state.slots).toEqual({});
    expect(ds[2]!.action).toEqual({ kind: 'overview', info: 'symptom_table', resume: null });
    expect(ds[3]!.action).toMatchObject({ kind: 'fallback' });
    expect(ds[3]!.state.misunderstandings).toBe(1);
  });

  it('collects notices: a secret, an expired conversation, a cut message', () => {
    const e = testEngine();
    const first = decide(e, undefined, read(e, { text: 'region locked' }), T0);
    const later = decide(e, first.state, read(e, { text: 'my password is Hunter2!x ' + 'x'.repeat(300) }, 200), T0 + 3 * 3600_000);
    expect(later.notices).toEqual(['secret_warning', 'expired', 'too_long']);
  });
});

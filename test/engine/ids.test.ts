// Turn states and option ids are encoded and decoded in one module, and round-trip.
import { describe, expect, it } from 'vitest';
import { decodeOption, decodeState, encodeOption, encodeState, type OptionRef, type Status } from '../../src/engine/ids';

describe('ids', () => {
  it('round-trips every kind of option id', () => {
    const refs: OptionRef[] = [
      { kind: 'answer', question: 'kyc_region', answer: 'restricted' },
      { kind: 'action', action: 'human' },
      { kind: 'ask', intent: 'ask_withdraw' },
      { kind: 'info', info: 'symptom_table' },
      { kind: 'say', key: 'ask_vpn', index: 1 },
    ];
    for (const ref of refs) expect(decodeOption(encodeOption(ref))).toEqual(ref);
    expect(encodeOption(refs[0]!)).toBe('kyc_region:restricted');
  });

  it('rejects ids no option has', () => {
    for (const id of ['', 'nonsense', 'action:fly', 'ask:ask_nothing', 'info:x', 'say:ask_vpn:x', 'Scope:All']) expect(decodeOption(id), id).toBeNull();
  });

  it('round-trips turn states', () => {
    const states: Status[] = [
      { kind: 'open' },
      { kind: 'asking', question: 'ip_jumps' },
      { kind: 'diagnosed' },
      { kind: 'handed_off' },
      { kind: 'busy' },
      { kind: 'rate_limited' },
    ];
    for (const s of states) expect(decodeState(encodeState(s))).toEqual(s);
    expect(encodeState({ kind: 'asking', question: 'scope' })).toBe('ask_scope');
    expect(decodeState('ask_')).toBeNull();
  });
});

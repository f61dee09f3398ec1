// intents/dialogue/domain.yaml is validated at load; an error names the file, the entry and the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDomain } from '../../src/domain/load';
import { CAUSES } from '../../src/shared/types';
import { INTENTS_DIR } from '../../src/paths';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A copy of intents/ with domain.yaml edited. */
function withDomain(edit: (yaml: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlb-domain-'));
  dirs.push(dir);
  cpSync(join(INTENTS_DIR, 'dialogue'), join(dir, 'dialogue'), { recursive: true });
  cpSync(join(INTENTS_DIR, 'lexicon'), join(dir, 'lexicon'), { recursive: true });
  const file = join(dir, 'dialogue', 'domain.yaml');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return dir;
}

describe('domain.yaml', () => {
  it('loads: every cause has a rule, every question a slot', () => {
    const d = loadDomain();
    expect(new Set(d.decision.flatMap((r) => (r.kind === 'cause' ? [r.cause] : [])))).toEqual(new Set(CAUSES));
    for (const q of d.questions.values()) expect(d.slot.get(q.slot)?.question).toBe(q);
  });

  const broken: [string, (y: string) => string, RegExp][] = [
    ['an unknown cause', (y) => y.replace('cause: account_frozen', 'cause: account_exploded'), /entry decision\.0\.cause: /],
    [
      'a value the slot does not have',
      (y) => y.replace('when: { scope: one }, cause: ip_geo', 'when: { scope: some }, cause: ip_geo'),
      /entry decision\.\d+\.when\.scope: "some" is not a value of scope/,
    ],
    [
      'a missing lexicon key',
      (y) => y.replace('patterns: scope.one,', 'patterns: scope.onee,'),
      /entry slots\.scope\.extract\.0: no lexicon patterns "scope\.onee"/,
    ],
    [
      'an answer wording for facts a slot cannot have',
      (y) => y.replace('{ intent: ask_vpn, when: { api: true }, variant: server }', '{ intent: ask_vpn, when: { api: maybe }, variant: server }'),
      /entry faq_variants\.0\.when\.api: "maybe" is not a value of api/,
    ],
    ['an unknown question', (y) => y.replace('ask: [scope]', 'ask: [scoop]'), /entry decision\.\d+\.ask\.0: no question scoop/],
    ['a threshold out of range', (y) => y.replace('triage_confident: 0.6', 'triage_confident: 6'), /entry thresholds\.triage_confident: /],
    [
      'a value without agent text',
      (y) => y.replace('      vpn: Connecting through a VPN or office network\n', ''),
      /entry slots\.location\.summary: needs a text for "vpn"/,
    ],
  ];
  for (const [name, edit, message] of broken) {
    it(`names the file, entry and problem for ${name}`, () => {
      const dir = withDomain(edit);
      expect(() => loadDomain(dir)).toThrow(new RegExp(`${join(dir, 'dialogue', 'domain.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: ${message.source}`));
    });
  }
});

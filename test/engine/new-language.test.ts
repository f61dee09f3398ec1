// Adding a language is data only: a toy third language (German, fixtures/languages/toy-de.yaml) is
// added to a copy of intents/ in a temporary folder, exactly as the README's "Adding a language"
// says, and the engine holds a conversation in it. No code knows the language.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { createEngine } from '../../src/engine/index';
import type { ConversationState } from '../../src/engine/state';
import type { Turn } from '../../src/engine/types';
import { loadConfig } from '../../src/config';
import { FIXTURES_DIR, INTENTS_DIR } from '../../src/paths';
import { testEngine } from '../helpers/bot';

const toySchema = z.object({
  code: z.string(),
  name: z.string(),
  corpus: z.record(z.string(), z.array(z.string())),
  lexicon: z.object({ classes: z.record(z.string(), z.string()), 'slots.yaml': z.string() }),
  knowledge: z.record(z.string(), z.record(z.string(), z.string())),
});
const toy = toySchema.parse(parse(readFileSync(join(FIXTURES_DIR, 'languages', 'toy-de.yaml'), 'utf8')));

const dir = mkdtempSync(join(tmpdir(), 'rlb-new-language-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(INTENTS_DIR, dir, { recursive: true });
// 1. The detector's code and a name in intents/languages.yaml.
const languagesFile = join(dir, 'languages.yaml');
writeFileSync(
  languagesFile,
  readFileSync(languagesFile, 'utf8').replace('languages:\n', `languages:\n  ${toy.code}: { name: ${toy.name}, tokenizer: words }\n`),
);
// 2. A corpus folder with the same intent catalog.
mkdirSync(join(dir, 'nlu', toy.code));
for (const [intent, utterances] of Object.entries(toy.corpus)) {
  writeFileSync(join(dir, 'nlu', toy.code, `${intent}.yaml`), stringify({ intent, description: `toy ${toy.name} utterances`, utterances }));
}
// 3. Lexicon entries: phrases for a class, and the facts' patterns.
mkdirSync(join(dir, 'lexicon', toy.code, 'classes'), { recursive: true });
for (const [file, text] of Object.entries(toy.lexicon.classes)) writeFileSync(join(dir, 'lexicon', toy.code, 'classes', file), text);
writeFileSync(join(dir, 'lexicon', toy.code, 'slots.yaml'), toy.lexicon['slots.yaml']);
// 4. A knowledge folder: the English files with the language's texts laid over them.
const knowledgeDir = join(dir, 'knowledge', toy.code);
mkdirSync(knowledgeDir);
for (const file of readdirSync(join(dir, 'knowledge')).filter((f) => f.endsWith('.yaml'))) {
  const doc = parseDocument(readFileSync(join(dir, 'knowledge', file), 'utf8'));
  for (const [path, text] of Object.entries(toy.knowledge[file] ?? {}))
    doc.setIn(
      path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      text,
    );
  writeFileSync(join(knowledgeDir, file), doc.toString());
}

const engine = createEngine({ ...loadConfig({}), languages: ['en', toy.code] }, { intentsDir: dir, matcher: testEngine().matcher });

function chat(...messages: (string | [string, string])[]): Turn[] {
  let state: ConversationState | undefined;
  return messages.map((m, i) => {
    const r = engine.step(state, typeof m === 'string' ? { text: m } : { text: m[0], optionId: m[1] }, 1_700_000_000_000 + i * 1000);
    state = r.state;
    return r.turn;
  });
}

describe('a third language added as data only', () => {
  it('holds a whole diagnosis in German: detected, read by its own model, answered from its knowledge', () => {
    const [report, scope, kyc] = chat('Hallo, mein Konto sagt Region nicht unterstützt', ['In allen Netzwerken', 'scope:all'], 'ja');
    expect(report.language).toBe('de');
    expect(report.intent).toBe('report_lock');
    expect(report.state).toBe('ask_scope');
    expect(report.reply).toContain('nur in diesem Netzwerk');
    expect(report.options.map((o) => o.label)).toEqual(['In allen Netzwerken', 'Nur in diesem Netzwerk', 'Nicht sicher']);
    expect(scope.language).toBe('de');
    expect(scope.state).toBe('ask_kyc_region');
    expect(scope.reply).toContain('Wohnsitzland');
    // "ja" alone: the language's yes (lexicon `replies`), and the conversation stays German.
    expect(kyc.language).toBe('de');
    expect(kyc.cause).toBe('kyc_region');
    expect(kyc.reply).toContain('Wahrscheinlichste Ursache: Das Wohnsitzland deiner Verifizierung (KYC) wird nicht unterstützt');
  });

  it('reads a fact from the language’s own slot patterns, and an English message still switches back', () => {
    const [first, english] = chat('Hallo, die App sagt auf allen Netzwerken Region nicht unterstützt', 'can I still withdraw my funds?');
    expect(first.language).toBe('de');
    expect(first.state).toBe('ask_kyc_region');
    expect(english.language).toBe('en');
    expect(english.intent).toBe('ask_withdraw');
  });
});

// Measures redaction: recall on planted secrets (fixtures/safety/secrets.jsonl), and the two kinds
// of false positive: corpus messages changed although they hold no secret (intents/nlu/*.yaml and
// fixtures/nlu/*.jsonl), and order ids, amounts, hashes and addresses that must survive
// (fixtures/safety/keep.jsonl). Used by the test that holds the floors and by the README figures.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../paths';
import { redactSecrets, type SafetyContext } from '../engine/safety/redact';

export interface RedactionScore {
  secrets: number;
  recall: number;
  missed: string[];
  corpusMessages: number;
  corpusFalsePositiveRate: number;
  corpusChanged: string[];
  mustSurvive: number;
  mustSurviveKept: number;
  eaten: string[];
}

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

export function corpusMessages(root = PACKAGE_ROOT): string[] {
  const out: string[] = [];
  // Every language folder too (intents/nlu/zh/…).
  for (const file of filesUnder(join(root, 'intents', 'nlu'), '.yaml')) {
    const doc = parse(readFileSync(file, 'utf8')) as { utterances?: unknown[] };
    for (const u of doc?.utterances ?? []) if (typeof u === 'string') out.push(u);
  }
  for (const file of filesUnder(join(root, 'fixtures', 'nlu'), '.jsonl')) {
    for (const r of jsonl(file)) if (typeof r.text === 'string') out.push(r.text);
  }
  return out;
}

export function scoreRedaction(root = PACKAGE_ROOT): RedactionScore {
  const secrets = jsonl(join(root, 'fixtures', 'safety', 'secrets.jsonl')) as { text: string; secret: string; context?: string[] }[];
  const missed: string[] = [];
  for (const s of secrets) {
    let ctx: SafetyContext = {};
    for (const before of s.context ?? []) ctx = redactSecrets(before, ctx).context;
    const out = redactSecrets(s.text, ctx).text;
    if (out.includes(s.secret)) missed.push(s.text);
  }
  const corpus = corpusMessages(root);
  const changed = corpus.filter((m) => redactSecrets(m).text !== m);
  const keep = jsonl(join(root, 'fixtures', 'safety', 'keep.jsonl')) as { text: string; keep: string }[];
  const eaten = keep.filter((k) => !redactSecrets(k.text).text.includes(k.keep)).map((k) => k.text);
  return {
    secrets: secrets.length,
    recall: (secrets.length - missed.length) / secrets.length,
    missed,
    corpusMessages: corpus.length,
    corpusFalsePositiveRate: changed.length / corpus.length,
    corpusChanged: changed,
    mustSurvive: keep.length,
    mustSurviveKept: keep.length - eaten.length,
    eaten,
  };
}

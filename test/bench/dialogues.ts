// The fixture conversations (fixtures/dialogues/conversations.jsonl): the turns a real user types.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../../src/paths';

export function loadDialogues(file = join(FIXTURES_DIR, 'dialogues', 'conversations.jsonl')): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { turns: string[] }).turns);
}

// The knowledge texts must match the domain: one question text per domain question, with exactly
// the domain's option ids. Checked once when the engine is built; errors name the file and entry.
import { join } from 'node:path';
import type { Knowledge } from '../knowledge/load';
import type { Domain } from './types';
import { DataFileError } from '../shared/yaml-file';

export function checkKnowledge(d: Domain, k: Knowledge, questionsFile = join('intents', 'knowledge', 'questions.yaml')): void {
  for (const q of d.questions.values()) {
    const text = k.questions[q.id];
    if (!text) throw new DataFileError(`${questionsFile}: entry ${q.id}: missing; ${d.file} asks this question`);
    const want = q.options.map((o) => o.id).join(', ');
    const have = text.options.map((o) => o.id).join(', ');
    if (want !== have) throw new DataFileError(`${questionsFile}: entry ${q.id}.options: ids ${have} do not match ${d.file} (${want})`);
  }
  const causesFile = questionsFile.replace(/questions\.yaml$/, 'causes.yaml');
  d.decision.forEach((rule, i) => {
    if (rule.kind === 'cause' && rule.variant && !k.causes[rule.cause].variants[rule.variant]) {
      throw new DataFileError(`${causesFile}: entry ${rule.cause}.variants.${rule.variant}: missing; ${d.file} entry decision.${i} names it`);
    }
  });
  for (const id of Object.keys(k.questions)) {
    if (!d.questions.has(id)) throw new DataFileError(`${questionsFile}: entry ${id}: no such question in ${d.file}`);
  }
}

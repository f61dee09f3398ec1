// Reads a JSONL fixture, validated line by line with zod; errors name the file, the line and the problem.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

export function readJsonlFile<T>(file: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        throw new Error(`${file}: line ${i + 1}: not valid JSON`);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${file}: line ${i + 1}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      }
      out.push(parsed.data);
    });
  return out;
}

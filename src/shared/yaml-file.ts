// Reads and validates one YAML data file; errors name the file, the entry and the problem.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';

export class DataFileError extends Error {}

export function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(`${file}: cannot read: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataFileError(`${file}: entry ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

// Reads JSONL input (a file or "-" for standard input) and reports bad lines by number.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from './main';

export class InputError extends Error {}

export interface Line<T> {
  lineNo: number;
  value: T;
}

/** Yields parsed objects in input order; blank lines are skipped. */
export async function* readJsonl(source: string, validate: (v: unknown, lineNo: number) => string | null): AsyncGenerator<Line<Record<string, unknown>>> {
  if (!source) throw new UsageError('give a JSONL file, or - for standard input');
  const stream = source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    if (source === '-') return resolve();
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new InputError(`cannot read ${source}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`)));
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    if (!raw.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      throw new InputError(`line ${lineNo}: not valid JSON (${(err as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`line ${lineNo}: expected a JSON object`);
    const problem = validate(value, lineNo);
    if (problem) throw new InputError(`line ${lineNo}: ${problem}`);
    yield { lineNo, value: value as Record<string, unknown> };
  }
}

/**
 * Runs `each` on every line of `source` in input order. Bad input (an unreadable file, a line that
 * is not a valid object) stops the run with one message naming the command and the line: exit status 1.
 */
export async function eachJsonlLine(
  commandName: string,
  source: string,
  validate: (v: unknown, lineNo: number) => string | null,
  each: (line: Line<Record<string, unknown>>) => Promise<void> | void,
): Promise<0 | 1> {
  try {
    for await (const line of readJsonl(source, validate)) await each(line);
  } catch (err) {
    if (err instanceof InputError) {
      console.error(`region-lock-bot ${commandName}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  return 0;
}

export function requireText(v: unknown): string | null {
  const text = (v as { text?: unknown }).text;
  return typeof text === 'string' ? null : 'needs a "text" field with a string';
}

let closedPipeHandled = false;
/** `… | head -1` closes the pipe early: that is the reader's choice, not an error worth a stack trace. */
function exitQuietlyOnClosedPipe(): void {
  if (closedPipeHandled) return;
  closedPipeHandled = true;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** Writes a line to stdout, waiting when the pipe is full (large outputs stay in order). */
export function writeLine(line: string): Promise<void> {
  exitQuietlyOnClosedPipe();
  return new Promise((resolve) => {
    if (process.stdout.write(`${line}\n`)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

export function parseFlags(args: string[], known: Record<string, 'boolean' | 'string'>): { flags: Record<string, string | boolean>; positional: string[] } {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const kind = known[name];
      if (!kind) throw new UsageError(`unknown option --${name}`);
      if (kind === 'boolean') flags[name] = true;
      else {
        const value = inline ?? args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        flags[name] = value;
      }
    } else positional.push(a);
  }
  return { flags, positional };
}

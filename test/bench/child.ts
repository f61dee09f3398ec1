// Runs a compiled bench script as a child process (bounded in time) and returns its stdout lines.
import { spawn } from 'node:child_process';

export interface ChildRun {
  lines: string[];
  /** Milliseconds from spawn until the first line matching `until` (or the exit). */
  firstMatchMs: number | null;
  code: number | null;
  stderr: string;
}

export function runChild(script: string, args: string[], opts: { nodeArgs?: string[]; until?: RegExp; timeoutMs: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DOTENV_CONFIG_QUIET: 'true' },
    });
    const lines: string[] = [];
    let firstMatchMs: number | null = null;
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (firstMatchMs === null && opts.until?.test(line)) firstMatchMs = performance.now() - started;
        lines.push(line);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (buffer) lines.push(buffer);
      resolve({ lines, firstMatchMs, code, stderr });
    });
  });
}

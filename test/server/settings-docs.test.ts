// Every setting in the zod schema is documented in .env.example and in the README's settings table,
// and .env.example's values are valid and equal to the defaults.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, loadConfig } from '../../src/config';
import { PACKAGE_ROOT } from '../../src/paths';

const settings = Object.keys(configSchema.shape);

function envExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(PACKAGE_ROOT, '.env.example'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

describe('settings documentation', () => {
  it('.env.example lists every setting, and its values load to the defaults', () => {
    const env = envExample();
    expect(Object.keys(env).sort()).toEqual([...settings].sort());
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('the README settings table lists every setting', () => {
    const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
    const section = /<!-- section:settings -->([\s\S]*?)<!-- \/section:settings -->/.exec(readme)?.[1] ?? '';
    const documented = new Set([...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));
    expect(settings.filter((s) => !documented.has(s))).toEqual([]);
  });
});

// Locates the package's data folders whether code runs from src/ (tests) or dist/src/ (built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'intents'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`cannot find the region-lock-bot package root above ${start}`);
}

export const PACKAGE_ROOT = findRoot(__dirname);
export const INTENTS_DIR = join(PACKAGE_ROOT, 'intents');
export const FIXTURES_DIR = join(PACKAGE_ROOT, 'fixtures');

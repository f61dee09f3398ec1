// Parts of the bot written by other work may not exist yet; the bench skips them with a note.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The compiled file for a path relative to the package root (e.g. "src/server/start-bot"), if built. */
export function builtModule(relative: string): string | null {
  // This file runs from dist/test/bench/, so the package's compiled tree is two levels up.
  const file = join(__dirname, '..', '..', `${relative}.js`);
  return existsSync(file) ? file : null;
}

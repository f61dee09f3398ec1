#!/usr/bin/env node
// npm's "prepare" step (runs after `npm ci` / `npm install` in a clone): compiles dist/ when the
// TypeScript compiler is installed. A production install (`npm ci --omit=dev`) has no compiler and
// nothing to compile, so it skips instead of failing; build dist/ with `npm run build` beforehand.
'use strict';
const { spawnSync } = require('node:child_process');
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  console.log('prepare: TypeScript is not installed (production install); not compiling. Run `npm run build` before `npm prune --omit=dev`.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit', cwd: require('node:path').join(__dirname, '..') });
process.exit(r.status ?? 1);

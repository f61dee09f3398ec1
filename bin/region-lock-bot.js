#!/usr/bin/env node

// natural pulls in dotenv, which prints tips unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET = process.env.DOTENV_CONFIG_QUIET || 'true';
require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { console.error(`region-lock-bot: ${err?.message ? err.message : err}`); process.exitCode = 1; }
);

#!/usr/bin/env node

// Settings: the environment, plus ./.env when there is one (Node's own parser, no dependency).
// A variable already set in the real environment wins over the same name in .env.
// ENV_FILE names another file; ENV_FILE= (empty) reads none.
const envFile = process.env.ENV_FILE === undefined ? '.env' : process.env.ENV_FILE;
if (envFile) {
  try {
    process.loadEnvFile(envFile);
  } catch (err) {
    if (err?.code !== 'ENOENT' || process.env.ENV_FILE) {
      console.error(`region-lock-bot: could not read ${envFile}: ${err?.message ? err.message : err}`);
      process.exit(2);
    }
  }
}
// natural pulls in dotenv, which prints tips unless told to be quiet.
process.env.DOTENV_CONFIG_QUIET = process.env.DOTENV_CONFIG_QUIET || 'true';
require('../dist/src/cli/main.js')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err) => {
      console.error(`region-lock-bot: ${err?.message ? err.message : err}`);
      process.exitCode = 1;
    },
  );

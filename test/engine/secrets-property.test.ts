// Property: a secret planted anywhere in a random message never reaches a reply, the store's file
// or a log line. Drives the real bot (HTTP, service, engine, web transcript, SQLite store, logger).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/ops/logger';
import { startBot, type RunningBot } from '../../src/server/start-bot';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite';
import { planted, words } from '../helpers/planted-secrets';
import { postMessage } from '../server/bot';

let bot: RunningBot;
let store: SqliteStore;
let dir: string;
let logged = '';

describe('planted secrets (fast-check)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rlb-secrets-'));
    store = openSqliteStore(dir);
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '10000', MAX_MESSAGE_CHARS: '200' });
    const destination = new Writable({
      write(chunk, _enc, done) {
        logged += String(chunk);
        done();
      },
    });
    bot = await startBot(config, { store, logger: createLogger({ level: 'debug', format: 'json', destination }) });
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never lets a planted secret reach a reply, the store or a log line', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(words, planted, words, async (head, secret, tail) => {
        const user = `prop-${++n}`;
        const replies: string[] = [];
        for (const b of secret.before) replies.push(JSON.stringify((await postMessage(bot.url, { type: 'message', user, text: b })).body));
        // The secret sits in the middle of ordinary words, and may straddle MAX_MESSAGE_CHARS.
        const text = secret.before.length ? secret.text : `${head} ${secret.text} ${tail}`.trim();
        replies.push(JSON.stringify((await postMessage(bot.url, { type: 'message', user, text })).body));
        // Ask for a person: the hand-off summary quotes the user's words.
        replies.push(JSON.stringify((await postMessage(bot.url, { type: 'message', user, text: 'I want to talk to a human' })).body));
        await store.flush();
        const files = readdirSync(dir)
          .map((f) => readFileSync(join(dir, f), 'latin1'))
          .join('\n');
        for (const f of secret.fragments) {
          const escaped = JSON.stringify(f).slice(1, -1);
          for (const [where, hay] of [
            ['reply', replies.join('\n')],
            ['store', files],
            ['log', logged],
          ] as const) {
            if (hay.includes(f) || hay.includes(escaped)) throw new Error(`"${f}" reached the ${where} (message: ${JSON.stringify(text)})`);
          }
        }
      }),
      { numRuns: 60, seed: 1313 },
    );
    expect(n).toBeGreaterThanOrEqual(60);
  }, 120_000);
});

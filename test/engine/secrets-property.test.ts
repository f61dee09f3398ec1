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
import { corpusMessages } from '../../src/engine/safety/evaluate';
import { postMessage } from '../server/bot';

const { wordlist } = require('@scure/bip39/wordlists/english.js') as { wordlist: string[] };
const corpusWords = [...new Set(corpusMessages().join(' ').split(/\s+/).filter((w) => /^[a-z']{2,12}$/.test(w)))];

interface Planted {
  /** Messages sent before the one with the secret (context, or the first half of a phrase). */
  before: string[];
  text: string;
  /** Fragments that must not appear anywhere. */
  fragments: string[];
}

const hex = (n: number) => fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const alnum = (chars: string, n: number) => fc.array(fc.constantFrom(...chars), { minLength: n, maxLength: n }).map((a) => a.join(''));
const words = fc.array(fc.constantFrom(...corpusWords), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const seedWords = (n: number) => fc.array(fc.constantFrom(...wordlist), { minLength: n, maxLength: n });
const sep = fc.constantFrom(' ', ', ', '\n', ' - ');

const planted: fc.Arbitrary<Planted> = fc.oneof(
  fc
    .tuple(fc.constantFrom('my password is', 'password:', 'my pass is', 'pwd ='), fc.constantFrom(...wordlist), fc.constantFrom(...wordlist), fc.integer({ min: 10, max: 99 }))
    .map(([lead, a, b, n]) => ({ before: [], text: `${lead} ${a}-${b}-${n}`, fragments: [`${a}-${b}-${n}`] })),
  fc
    .tuple(fc.constantFrom('anna', 'li.wei', 'bob_7'), fc.constantFrom('gmail.com', 'mail.ru'), alnum('abcdefghijkmnpqrstuvwxyz23456789', 10), fc.constantFrom(':', ' / '))
    .map(([u, d, pw, s]) => ({ before: [], text: `${u}@${d}${s}${pw}`, fragments: [pw] })),
  fc.tuple(seedWords(12), sep, fc.boolean()).map(([w, s, upper]) => {
    const ws = upper ? w.map((x) => x.toUpperCase()) : w;
    return { before: [], text: ws.join(s), fragments: [ws.slice(3, 7).join(s)] };
  }),
  fc.tuple(seedWords(12), sep).map(([w, s]) => ({ before: [w.slice(0, 6).join(s)], text: w.slice(6).join(s), fragments: [w.slice(7, 10).join(s), w.slice(1, 5).join(s)] })),
  fc.tuple(seedWords(12)).map(([w]) => ({ before: [], text: w.map((x, i) => `${i + 1}. ${x}`).join('\n'), fragments: [w.slice(4, 8).map((x, i) => `${i + 5}. ${x}`).join('\n')] })),
  fc.integer({ min: 32, max: 64 }).chain((n) => hex(n).filter((h) => /\d/.test(h) && /[a-f]/.test(h))).map((h) => ({ before: [], text: `my secret is ${h}`, fragments: [h.slice(4, 28)] })),
  alnum('abcdefghijklmnopqrstuvwxyz0123456789', 40)
    .filter((k) => /\d/.test(k) && /[a-z]/.test(k))
    .map((k) => ({ before: [], text: `api key ${k}`, fragments: [k.slice(5, 35)] })),
  alnum('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 40)
    .filter((k) => /\d/.test(k) && /[A-Z]/.test(k) && /[a-z]/.test(k))
    .map((k) => ({ before: [], text: `secret: ${k}==`, fragments: [k.slice(5, 35)] })),
  fc.tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 100, max: 999 }), fc.constantFrom('', ' ')).map(([a, b, s]) => ({
    before: ['I cannot log in, it asks for my 2FA code'],
    text: `${a}${s}${b}`,
    fragments: [`${a}${s}${b}`],
  })),
);

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
        const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'latin1')).join('\n');
        for (const f of secret.fragments) {
          const escaped = JSON.stringify(f).slice(1, -1);
          for (const [where, hay] of [['reply', replies.join('\n')], ['store', files], ['log', logged]] as const) {
            if (hay.includes(f) || hay.includes(escaped)) throw new Error(`"${f}" reached the ${where} (message: ${JSON.stringify(text)})`);
          }
        }
      }),
      { numRuns: 60, seed: 1313 },
    );
    expect(n).toBeGreaterThanOrEqual(60);
  }, 120_000);
});

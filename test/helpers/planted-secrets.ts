// Generators of planted secrets for the fast-check tests: every phrasing of issue 13 point 8, each
// with the fragments that must not survive anywhere.
import fc from 'fast-check';
import { corpusMessages } from '../../src/eval/redaction';

const { wordlist } = require('@scure/bip39/wordlists/english.js') as { wordlist: string[] };
const corpusWords = [
  ...new Set(
    corpusMessages()
      .join(' ')
      .split(/\s+/)
      .filter((w) => /^[a-z']{2,12}$/.test(w)),
  ),
];

export interface Planted {
  /** Messages sent before the one with the secret (context, or the first half of a phrase). */
  before: string[];
  text: string;
  /** Fragments that must not appear anywhere. */
  fragments: string[];
}

const hex = (n: number) => fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: n, maxLength: n }).map((a) => a.join(''));
const alnum = (chars: string, n: number) => fc.array(fc.constantFrom(...chars), { minLength: n, maxLength: n }).map((a) => a.join(''));
export const words = fc.array(fc.constantFrom(...corpusWords), { minLength: 0, maxLength: 12 }).map((w) => w.join(' '));
const seedWords = (n: number) => fc.array(fc.constantFrom(...wordlist), { minLength: n, maxLength: n });
const sep = fc.constantFrom(' ', ', ', '\n', ' - ');

export const planted: fc.Arbitrary<Planted> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('my password is', 'password:', 'my pass is', 'pwd ='),
      fc.constantFrom(...wordlist),
      fc.constantFrom(...wordlist),
      fc.integer({ min: 10, max: 99 }),
    )
    .map(([lead, a, b, n]) => ({ before: [], text: `${lead} ${a}-${b}-${n}`, fragments: [`${a}-${b}-${n}`] })),
  fc
    .tuple(
      fc.constantFrom('anna', 'li.wei', 'bob_7'),
      fc.constantFrom('gmail.com', 'mail.ru'),
      alnum('abcdefghijkmnpqrstuvwxyz23456789', 10),
      fc.constantFrom(':', ' / '),
    )
    .map(([u, d, pw, s]) => ({ before: [], text: `${u}@${d}${s}${pw}`, fragments: [pw] })),
  fc.tuple(seedWords(12), sep, fc.boolean()).map(([w, s, upper]) => {
    const ws = upper ? w.map((x) => x.toUpperCase()) : w;
    return { before: [], text: ws.join(s), fragments: [ws.slice(3, 7).join(s)] };
  }),
  fc
    .tuple(seedWords(12), sep)
    .map(([w, s]) => ({ before: [w.slice(0, 6).join(s)], text: w.slice(6).join(s), fragments: [w.slice(7, 10).join(s), w.slice(1, 5).join(s)] })),
  fc.tuple(seedWords(12)).map(([w]) => ({
    before: [],
    text: w.map((x, i) => `${i + 1}. ${x}`).join('\n'),
    fragments: [
      w
        .slice(4, 8)
        .map((x, i) => `${i + 5}. ${x}`)
        .join('\n'),
    ],
  })),
  fc
    .integer({ min: 32, max: 64 })
    .chain((n) => hex(n).filter((h) => /\d/.test(h) && /[a-f]/.test(h)))
    .map((h) => ({ before: [], text: `my secret is ${h}`, fragments: [h.slice(4, 28)] })),
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

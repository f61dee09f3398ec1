// Finds secrets users paste (passwords, 2FA codes, seed phrases, API keys) and replaces them.
// Everything stored or logged passes through redactSecrets first.
import { redactSeedPhrases } from './seed';

export type SecretKind = 'password' | 'two_factor_code' | 'seed_phrase' | 'api_key' | 'private_key';

export interface Redaction {
  text: string;
  kinds: SecretKind[];
  /** What the next message of the same conversation needs to know (no secret is kept in it). */
  context: SafetyContext;
}

/** Carried from one message of a conversation to the next. */
export interface SafetyContext {
  /** The conversation is about logging in or 2FA: a bare 6-digit number is then a code. */
  loginTopic?: boolean;
  /** BIP-39 words that ended the previous message (a phrase may continue in this one). */
  trailingSeedWords?: number;
}

const PLACEHOLDER: Record<SecretKind, string> = {
  password: '[redacted password]',
  two_factor_code: '[redacted code]',
  seed_phrase: '[redacted seed phrase]',
  api_key: '[redacted key]',
  private_key: '[redacted private key]',
};

const PASSWORD_WORDS = 'password|passwd|pass ?word|pwd|passcode|pw|pass';
/** Words that follow "my password is" in a question or complaint, not a password. */
const NOT_A_PASSWORD =
  'accepted|rejected|denied|refused|updated|saved|shown|sent|ignored|what|that|this|from|wrong|incorrect|correct|right|fine|ok|okay|not|invalid|expired|too|the|same|still|being|reset|changed|forgotten|lost|compromised|stolen|weak|strong|required|needed|asked|working|blocked|locked|safe|secure|long|short|different|new|old|also|already|definitely|probably|never';

interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Index of the capture group holding the secret; 0 replaces the whole match. */
  group: number;
  /** Leaves a match alone (e.g. a transaction hash the user needs); gets the text before it. */
  keep?: (before: string, match: string, after: string) => boolean;
  /** The secret may run on for a few words; only those with a capital, digit or symbol are kept in it. */
  passphrase?: boolean;
  /** Only in a conversation about logging in or 2FA. */
  loginOnly?: boolean;
}

/** A transaction hash is named as one, or sits in an explorer link: the user needs it, keep it. */
const TX_HINT = /(?:\b(?:tx|txid|txn|tx\s*hash|hash|transaction(?:\s*(?:id|hash))?|txhash)\b[\s:#=-]*|\/tx\/)$/i;
const isTxHash = (before: string) => TX_HINT.test(before.slice(-40));
/** Amounts, order numbers and ids are not codes: "order 123456", "#123 456", "123 456 USDT", "$123,456". */
const NOT_A_CODE_BEFORE = /(?:\b(?:order|id|no|number|ticket|case|ref(?:erence)?|uid|account|tx|txid)\b[\s.:#-]*|[#$€£¥]\s*|\d[.,]?)$/i;
const NOT_A_CODE_AFTER = /^(?:[.,]\d|\s*(?:usdt|usdc|busd|btc|eth|bnb|usd|eur|gbp|dollars?|euros?|coins?|tokens?|%|k\b))/i;
/** API and HTTP error codes: {"code":"400500"}, code=700006, "api returns code 200000", "error 429000". */
const ERROR_CODE_BEFORE = /(?:["'{]\s*|\b(?:error|err|status|api|returns?|response|http|exit|msg|ret)\s*(?:code)?\s*[:=]?\s*["']?)$/i;
const isErrorCode = (before: string, match: string) =>
  ERROR_CODE_BEFORE.test(before) || /^code["']?\s*[:=]/i.test(match) || /["']?code["']?\s*[:=]\s*["']?$/i.test(before);
const notACode = (before: string, match: string, after = '') =>
  NOT_A_CODE_BEFORE.test(before) || NOT_A_CODE_AFTER.test(after) || /\d{7,}/.test(match) || isErrorCode(before, match);
/** bech32 addresses (bc1…, ltc1…) and base58 ones (1…, 3…, T…) are what users paste to ask about a withdrawal. */
const isAddress = (match: string) =>
  /^0x[0-9a-fA-F]{40}$/.test(match) ||
  /^[a-z]{2,6}1[02-9ac-hj-np-z]{20,}$/.test(match) ||
  /^(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33})$/.test(match);
/** Said when the conversation is about signing in or 2FA. */
const LOGIN_TOPIC =
  /\b(?:log\s?-?in|sign\s?-?in|2fa|two[\s-]?factor|otp|authenticator|google\s*auth\w*|verification|sms\s*code|security\s*code|one[\s-]?time|(?:6|six)[\s-]?digit|code)\b/i;

const RULES: Rule[] = [
  // Platform and exchange tokens with a recognisable shape.
  { kind: 'api_key', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, group: 0 },
  { kind: 'api_key', pattern: /\bxapp-[A-Za-z0-9-]{10,}/g, group: 0 },
  { kind: 'api_key', pattern: /\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, group: 0 },
  { kind: 'private_key', pattern: /\b(?:0x)?[a-fA-F0-9]{64}\b/g, group: 0, keep: isTxHash },
  { kind: 'private_key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, group: 0 },
  // Labelled secrets: "api key: abc...", "secret = ...".
  {
    kind: 'api_key',
    pattern: /\b(?:api[\s_-]?key|api[\s_-]?secret|secret[\s_-]?key|access[\s_-]?key|token)\s*(?:is|=|:|-)?\s*["'`]?([A-Za-z0-9_\-+/=.]{12,})/gi,
    group: 1,
  },
  // Long random-looking strings (exchange API keys are 64 characters).
  { kind: 'api_key', pattern: /\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{32,}\b/g, group: 0, keep: (_b, m) => isAddress(m) },
  // "my password is hunter2", "pwd: x", "passcode - x" (not "passport", not "my password is wrong").
  {
    kind: 'password',
    pattern: new RegExp(
      // The negative look-ahead is for whole words only: "correct-horse-31" is a password, "correct" is not.
      // A passphrase may go on for a few words that carry a capital, digit or symbol ("Sunny Harbor 31").
      `\\b(?:${PASSWORD_WORDS})\\b\\s*(?:(?:is|was|would be)\\s*[:=]?|[:=-])\\s*["'\`]?(?!(?:${NOT_A_PASSWORD})(?![\\w-]))([^\\s"'\`]{4,}(?: [^\\s.,;!?"'\`]{1,30}){0,3})`,
      'gi',
    ),
    group: 1,
    passphrase: true,
  },
  // "password Hunter2!" with no "is": only when the next word looks like a password (a digit or symbol in it).
  {
    kind: 'password',
    pattern: new RegExp(`\\b(?:${PASSWORD_WORDS})\\b\\s+["'\`]?(?=[^\\s"'\`]*[\\d!@#$%^&*_+=?])(?=[^\\s"'\`]*[A-Za-z])([^\\s"'\`]{6,})`, 'gi'),
    group: 1,
  },
  // "bob@example.com:Hunter22", "bob@example.com / sunny harbor", "bob@example.com | pw".
  { kind: 'password', pattern: /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?::(?!\s)|\s*\/\s*|\s*\|\s*)([^\s]{4,})/g, group: 1 },
  // Hex secrets of 32+ characters (API secrets, private keys), unless named as a transaction hash.
  { kind: 'api_key', pattern: /\b(?=[a-fA-F0-9]*\d)(?=[a-fA-F0-9]*[a-fA-F])[a-fA-F0-9]{32,}\b/g, group: 0, keep: isTxHash },
  // 32+ lower-case letters and digits (40-character keys), not a bech32 address.
  { kind: 'api_key', pattern: /\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{32,}\b/g, group: 0, keep: (before, m) => isAddress(m) || isTxHash(before) },
  // base64 secrets: 24+ characters with upper, lower and digits, optional padding; not a base58 address.
  {
    kind: 'api_key',
    pattern: /(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]*\d)(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])/g,
    group: 0,
    // Not an address, and not a path ("GET /sapi/v1/account/apiRestrictions") or part of a URL.
    keep: (before, m) => isAddress(m) || /[/:.]$/.test(before) || m.startsWith('/') || /\b(?:GET|POST|PUT|DELETE|PATCH)\s+$/.test(before),
  },
  // 2FA / OTP codes: 6-8 digits near a hint word, in either order.
  {
    kind: 'two_factor_code',
    pattern:
      /\b(?:2fa|two[\s-]?factor|otp|authenticator|auth(?:entication)?\s*code|google\s*auth\w*|verification\s*code|sms\s*code|security\s*code|code)\b[^0-9\n]{0,25}(\d{3}[\s-]?\d{3,5})\b/gi,
    group: 1,
    keep: isErrorCode,
  },
  {
    kind: 'two_factor_code',
    pattern: /\b(\d{3}[\s-]?\d{3})\b(?=[^0-9\n]{0,25}\b(?:2fa|otp|authenticator|google\s*auth\w*|verification|sms\s*code)\b)/gi,
    group: 1,
  },
  // A message that is nothing but a 6-digit code.
  { kind: 'two_factor_code', pattern: /^\s*(\d{3}[\s-]?\d{3})\s*$/g, group: 1 },
  // In a conversation about logging in: any bare 6-digit number, or "123 456", that is not an amount or an id.
  { kind: 'two_factor_code', pattern: /(?<![\d.,])\d{3}[ -]?\d{3}(?![\d])/g, group: 0, loginOnly: true, keep: notACode },
];

/** Placeholders already in the text (redacted earlier, e.g. before the message was cut) still count. */
const PLACEHOLDER_KIND = new Map<string, SecretKind>(Object.entries(PLACEHOLDER).map(([k, v]) => [v, k as SecretKind]));
const PLACEHOLDERS = /\[redacted (?:password|code|seed phrase|key|private key)\]/g;

/**
 * Returns the text with every secret replaced by a placeholder, which kinds were found, and the
 * context for the conversation's next message. Redact the whole message before cutting it.
 */
export function redactSecrets(input: string, context: SafetyContext = {}): Redaction {
  const kinds = new Set<SecretKind>();
  const loginTopic = !!context.loginTopic || LOGIN_TOPIC.test(input);
  const seed = redactSeedPhrases(input, context.trailingSeedWords ?? 0);
  let text = seed.text;
  if (seed.found) kinds.add('seed_phrase');
  for (const rule of RULES) {
    if (rule.loginOnly && !loginTopic) continue;
    rule.pattern.lastIndex = 0;
    text = text.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groupCount = rest.length - 2 - (typeof rest[rest.length - 1] === 'object' ? 1 : 0);
      const offset = rest[groupCount] as number;
      const whole = rest[groupCount + 1] as string;
      let secret = rule.group === 0 ? match : (rest[rule.group - 1] as string | undefined);
      if (secret && rule.passphrase) {
        const [first, ...more] = secret.split(' ');
        const cont: string[] = [];
        for (const w of more) {
          if (!/[A-Z\d!@#$%^&*_+=?]/.test(w)) break;
          cont.push(w);
        }
        secret = [first, ...cont].join(' ');
      }
      if (!secret || secret.startsWith('[redacted')) return match;
      const before = whole.slice(Math.max(0, offset - 60), offset);
      if (rule.keep?.(before, match, whole.slice(offset + match.length, offset + match.length + 20))) return match;
      kinds.add(rule.kind);
      if (rule.group === 0) return PLACEHOLDER[rule.kind];
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + PLACEHOLDER[rule.kind] + match.slice(at + secret.length);
    });
  }
  for (const m of text.matchAll(PLACEHOLDERS)) kinds.add(PLACEHOLDER_KIND.get(m[0])!);
  return { text, kinds: [...kinds], context: { loginTopic, trailingSeedWords: seed.trailingWords } };
}

// Finds secrets users paste (passwords, 2FA codes, seed phrases, API keys) and replaces them.
// Everything stored or logged passes through redactSecrets first.
// @scure/bip39 (maintained, audited) ships as ESM only; Node 20.19+ can require() it.
const { wordlist: bip39English } = require('@scure/bip39/wordlists/english.js') as { wordlist: string[] };

export type SecretKind = 'password' | 'two_factor_code' | 'seed_phrase' | 'api_key' | 'private_key';

export interface Redaction {
  text: string;
  kinds: SecretKind[];
}

const BIP39 = new Set(bip39English);
/** Twelve words is the shortest standard mnemonic. */
const MIN_SEED_WORDS = 12;

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
  'wrong|incorrect|correct|right|fine|ok|okay|not|invalid|expired|too|the|same|still|being|reset|changed|forgotten|lost|compromised|stolen|weak|strong|required|needed|asked|working|blocked|locked|safe|secure|long|short|different|new|old|also|already|definitely|probably|never';

interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Index of the capture group holding the secret; 0 replaces the whole match. */
  group: number;
}

const RULES: Rule[] = [
  // Platform and exchange tokens with a recognisable shape.
  { kind: 'api_key', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g, group: 0 },
  { kind: 'api_key', pattern: /\bxapp-[A-Za-z0-9-]{10,}/g, group: 0 },
  { kind: 'api_key', pattern: /\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, group: 0 },
  { kind: 'private_key', pattern: /\b(?:0x)?[a-fA-F0-9]{64}\b/g, group: 0 },
  { kind: 'private_key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, group: 0 },
  // Labelled secrets: "api key: abc...", "secret = ...".
  {
    kind: 'api_key',
    pattern: /\b(?:api[\s_-]?key|api[\s_-]?secret|secret[\s_-]?key|access[\s_-]?key|token)\s*(?:is|=|:|-)?\s*["'`]?([A-Za-z0-9_\-+/=.]{12,})/gi,
    group: 1,
  },
  // Long random-looking strings (exchange API keys are 64 characters).
  { kind: 'api_key', pattern: /\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{32,}\b/g, group: 0 },
  // "my password is hunter2", "pwd: x", "passcode - x" (not "passport", not "my password is wrong").
  {
    kind: 'password',
    pattern: new RegExp(
      `\\b(?:${PASSWORD_WORDS})\\b\\s*(?:(?:is|was|would be)\\s*[:=]?|[:=-])\\s*["'\`]?(?!(?:${NOT_A_PASSWORD})\\b)([^\\s"'\`]{4,})`,
      'gi',
    ),
    group: 1,
  },
  // "password Hunter2!" with no "is": only when the next word looks like a password (a digit or symbol in it).
  {
    kind: 'password',
    pattern: new RegExp(`\\b(?:${PASSWORD_WORDS})\\b\\s+["'\`]?(?=[^\\s"'\`]*[\\d!@#$%^&*_+=?])(?=[^\\s"'\`]*[A-Za-z])([^\\s"'\`]{6,})`, 'gi'),
    group: 1,
  },
  // 2FA / OTP codes: 6-8 digits near a hint word, in either order.
  {
    kind: 'two_factor_code',
    pattern:
      /\b(?:2fa|two[\s-]?factor|otp|authenticator|auth(?:entication)?\s*code|google\s*auth\w*|verification\s*code|sms\s*code|security\s*code|code)\b[^0-9\n]{0,25}(\d{3}[\s-]?\d{3,5})\b/gi,
    group: 1,
  },
  { kind: 'two_factor_code', pattern: /\b(\d{3}[\s-]?\d{3})\b(?=[^0-9\n]{0,25}\b(?:2fa|otp|authenticator|google\s*auth\w*|verification|sms\s*code)\b)/gi, group: 1 },
  // A message that is nothing but a 6-digit code.
  { kind: 'two_factor_code', pattern: /^\s*(\d{3}\s?\d{3})\s*$/g, group: 1 },
];

const WORD = /[A-Za-z]+/g;

/** Replaces runs of 12+ BIP-39 words (allowing numbering and punctuation between them). */
function redactSeedPhrases(text: string): { text: string; found: boolean } {
  const words: { start: number; end: number; bip: boolean }[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push({ start: m.index!, end: m.index! + m[0].length, bip: BIP39.has(m[0].toLowerCase()) });
  }
  const spans: [number, number][] = [];
  let runStart = -1;
  for (let i = 0; i <= words.length; i++) {
    const w = words[i];
    // Only separators that seed lists use (spaces, commas, numbering) may sit between words.
    const contiguous =
      w && w.bip && runStart >= 0 && /^[\s,.;:\-\d)(]*$/.test(text.slice(words[i - 1]!.end, w.start));
    if (w && w.bip && (runStart < 0 || contiguous)) {
      if (runStart < 0) runStart = i;
      continue;
    }
    if (runStart >= 0 && i - runStart >= MIN_SEED_WORDS) spans.push([words[runStart]!.start, words[i - 1]!.end]);
    runStart = w && w.bip ? i : -1;
  }
  if (spans.length === 0) return { text, found: false };
  let out = text;
  for (const [s, e] of spans.reverse()) out = out.slice(0, s) + PLACEHOLDER.seed_phrase + out.slice(e);
  return { text: out, found: true };
}

/** Returns the text with every secret replaced by a placeholder, and which kinds were found. */
export function redactSecrets(input: string): Redaction {
  const kinds = new Set<SecretKind>();
  const seed = redactSeedPhrases(input);
  let text = seed.text;
  if (seed.found) kinds.add('seed_phrase');
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    text = text.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
      const secret = rule.group === 0 ? match : (groups[rule.group - 1] as string | undefined);
      if (!secret || secret.startsWith('[redacted')) return match;
      kinds.add(rule.kind);
      if (rule.group === 0) return PLACEHOLDER[rule.kind];
      const at = match.lastIndexOf(secret);
      return match.slice(0, at) + PLACEHOLDER[rule.kind] + match.slice(at + secret.length);
    });
  }
  return { text, kinds: [...kinds] };
}

// Finds where a sentence, a second question or a statement starts, so each can be classified.
// A plain "and" starts a new clause only before a question word: "my wife and I are moving" and
// "locked and I can't withdraw" are one statement each.
const JOINERS =
  /\s*(?:,\s*)?\b(?:and also|also|plus|but|btw|by the way|oh and|another thing|one more thing)\s+(?=(?:can|could|will|would|is|are|am|do|does|did|how|what|why|when|where|should|must|may|i|my|it)\b)|\s*(?:,\s*)?\band\s+(?=(?:can|could|will|would|is|are|am|do|does|did|how|what|why|when|where|should|must|may)\b)|\s*,\s*(?=(?:can|could|will|would|is|are|do|does|how|what|why|when|where|should)\b)/gi;

const OPENER =
  /^\s*(?:hi|hello|hey|hiya|yo|greetings|good (?:morning|afternoon|evening|day)|dear (?:\w+ )?(?:team|support|sir|madam|all))(?: (?:there|team|guys|all|everyone|support))?\s*[,!:.]+\s*/;

/** Long posts are read up to this many characters and sentences. */
const MAX_CHARS = 4000;
const MAX_CLAUSES = 10;

/** A clause as a range of the message's words: [start, end). */
export interface Clause {
  start: number;
  end: number;
  question: boolean;
}

/** Where a part of the text is cut: [index, length] of each separator, left to right. */
type Splitter = (part: string) => [number, number][];

/** The separators a global regular expression finds (empty matches are skipped). */
const separatorsOf =
  (splitter: RegExp): Splitter =>
  (part) => {
    const out: [number, number][] = [];
    splitter.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = splitter.exec(part)) !== null) {
      if (m[0].length === 0) splitter.lastIndex++;
      else out.push([m.index, m[0].length]);
    }
    return out;
  };

/**
 * Sentence ends: what /(?<=[?!.;\n])\s+|\n+/g finds (white space after a sentence mark, or line
 * breaks), found in one pass over the characters; the look-behind made the expression try every
 * position of a long message (test/nlu/clauses.test.ts compares the two).
 */
export function sentenceEnds(part: string): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < part.length) {
    const c = part.charCodeAt(i);
    let end = i;
    if (i > 0 && isSpace(c) && isSentenceMark(part.charCodeAt(i - 1))) while (end < part.length && isSpace(part.charCodeAt(end))) end++;
    else if (c === 10) while (end < part.length && part.charCodeAt(end) === 10) end++;
    if (end > i) {
      out.push([i, end - i]);
      i = end;
    } else i++;
  }
  return out;
}

/** ? ! . ; and a line break. */
function isSentenceMark(c: number): boolean {
  return c === 63 || c === 33 || c === 46 || c === 59 || c === 10;
}

/** The characters of \s in a JavaScript regular expression. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Every match of JOINERS holds a comma or one of these words (its other words contain one:
 * "and also", "oh and"), so a part without any has no joiner and the expression need not run. */
const JOINER_WORDS = ['and', 'also', 'plus', 'but', 'btw', 'by the way', 'another thing', 'one more thing'];
/** The last words of JOINERS' joiners ("by the way", "one more thing" end in "way", "thing"). */
const JOINER_ENDS = ['and', 'also', 'plus', 'but', 'btw', 'way', 'thing'];
/** The words JOINERS looks ahead for (its first alternative's list holds the other two). */
const JOINED_WORDS = new Set([
  'can',
  'could',
  'will',
  'would',
  'is',
  'are',
  'am',
  'do',
  'does',
  'did',
  'how',
  'what',
  'why',
  'when',
  'where',
  'should',
  'must',
  'may',
  'i',
  'my',
  'it',
]);
const NON_ASCII = /[^\x00-\x7f]/;
const joinersByExpression = separatorsOf(JOINERS);

/**
 * The joiners of a part. Every match of JOINERS ends where one of JOINED_WORDS starts, after a
 * comma and any white space or after a joiner word and at least one white space. Most parts hold
 * an "and" or a comma, but few have one of those words after it, so the expression runs only on
 * parts with such a place (a third of them). The look is made in lower case, as the expression's
 * i flag reads the part; on ASCII only, where lower-casing changes no other character (the
 * plain word test is kept for the rest).
 */
export function joiners(part: string): [number, number][] {
  const lower = part.toLowerCase();
  // The part itself, not its lower case: the Kelvin sign lower-cases to an ASCII "k".
  if (NON_ASCII.test(part)) return lower.includes(',') || JOINER_WORDS.some((w) => lower.includes(w)) ? joinersByExpression(part) : [];
  return mayJoin(lower) ? joinersByExpression(part) : [];
}

/** The joiners of a part as the expression alone finds them (for the test that compares the two). */
export const joinersOfExpression: Splitter = joinersByExpression;

/** True when a comma, or a joiner word and white space, is followed by one of JOINED_WORDS. */
function mayJoin(lower: string): boolean {
  for (let i = lower.indexOf(','); i >= 0; i = lower.indexOf(',', i + 1)) if (joinedWordAt(lower, i + 1)) return true;
  for (const w of JOINER_ENDS) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      const after = i + w.length;
      if (after < lower.length && isSpace(lower.charCodeAt(after)) && joinedWordAt(lower, after)) return true;
    }
  }
  return false;
}

/** True when the word after any white space from `at` is one of JOINED_WORDS (a word as \b
 * reads it: letters, digits and "_"). */
function joinedWordAt(s: string, at: number): boolean {
  let from = at;
  while (from < s.length && isSpace(s.charCodeAt(from))) from++;
  let to = from;
  while (to < s.length && isRegexWordChar(s.charCodeAt(to))) to++;
  return to > from && JOINED_WORDS.has(s.slice(from, to));
}

function isRegexWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Character ranges of the clauses of `text`; `byExpression` runs the joiner expression on every
 * sentence (what the places below stand in for; test/nlu/clauses.test.ts compares the two). */
export function clauseSpans(text: string, byExpression = false): [number, number][] {
  const spans: [number, number][] = [];
  const limit = Math.min(text.length, MAX_CHARS);
  // "hello, my account is locked": the greeting is a sentence of its own.
  const opener = OPENER.exec(text)?.[0].length ?? 0;
  if (opener) spans.push([0, opener]);
  const places = byExpression ? null : joinerPlaces(text.slice(0, limit));
  // Each sentence cut at its joiners; one without a place where a joiner may stand is kept whole.
  const cutJoiners = (from: number, to: number) => {
    let at = from;
    if (places === null || places === ASK_EVERY_PART || hasPlaceIn(places, from, to)) {
      const part = text.slice(from, to);
      for (const [index, length] of places === ASK_EVERY_PART ? joiners(part) : joinersByExpression(part)) {
        spans.push([at, from + index]);
        at = from + index + length;
      }
    }
    spans.push([at, to]);
  };
  let at = opener;
  for (const [index, length] of sentenceEnds(text.slice(opener, limit))) {
    cutJoiners(at, opener + index);
    at = opener + index + length;
  }
  cutJoiners(at, limit);
  return spans;
}

/** joinerPlaces' answer for text with other than ASCII characters: ask `joiners` about every part. */
const ASK_EVERY_PART: number[] = [];

/**
 * Where, in the (cut) text of a whole message, a comma or a joiner word is followed by a word of
 * JOINED_WORDS (mayJoin's test, made once for the message instead of once per sentence: eight
 * searches of each sentence cost more than the expression they spared). A sentence holding none of
 * these places has no joiner: every match of the expression holds one, and a sentence ends at white
 * space or where the text is cut, so the words after a place read alike in the sentence and in the
 * message. Ascending positions of the comma or the joiner word's end.
 */
function joinerPlaces(text: string): number[] {
  // The part itself, not its lower case: the Kelvin sign lower-cases to an ASCII "k".
  if (NON_ASCII.test(text)) return ASK_EVERY_PART;
  const lower = text.toLowerCase();
  const places: number[] = [];
  for (let i = lower.indexOf(','); i >= 0; i = lower.indexOf(',', i + 1)) if (joinedWordAt(lower, i + 1)) places.push(i);
  for (const w of JOINER_ENDS) {
    for (let i = lower.indexOf(w); i >= 0; i = lower.indexOf(w, i + 1)) {
      const after = i + w.length;
      if (after < lower.length && isSpace(lower.charCodeAt(after)) && joinedWordAt(lower, after)) places.push(i);
    }
  }
  return places;
}

/** True when a place starts in [from, to) (the list is short: a scan, not a search). */
function hasPlaceIn(places: readonly number[], from: number, to: number): boolean {
  for (const at of places) if (at >= from && at < to) return true;
  return false;
}

/** The clauses of a normalised message as word ranges; a clause needs at least two words. */
export function clauses(text: string, offsets: readonly number[]): Clause[] {
  const out: Clause[] = [];
  let word = 0;
  for (const [from, to] of clauseSpans(text)) {
    while (word < offsets.length && offsets[word]! < from) word++;
    const start = word;
    while (word < offsets.length && offsets[word]! < to) word++;
    if (word - start >= 2) out.push({ start, end: word, question: isQuestion(text.slice(from, to)) });
    if (out.length === MAX_CLAUSES) break;
  }
  return out;
}

/** The clauses of a raw message as text (for quoting evidence). */
export function splitClauses(text: string): string[] {
  return (
    clauseSpans(text)
      .map(([from, to]) => text.slice(from, to).trim())
      // Two words, or two Chinese characters (Chinese writes no spaces between words).
      .filter((t) => t.split(/\s+/).length >= 2 || /\p{Script=Han}.*\p{Script=Han}/u.test(t))
      .slice(0, MAX_CLAUSES)
  );
}

const QUESTION_START =
  /^(?:(?:so|and|but|also|ok|okay|please|hi|hello|hey|ah|oh|well|right|alright|hmm|thanks)\s*,?\s+){0,3}(?:can|could|will|would|is|are|am|do|does|did|how|what|why|when|where|which|who|should|must|may|any|anyone|has|have|shall)\b/i;
const QUESTION_WORDS =
  /\b(?:i (?:want|need|would like) to know|wondering|please (?:help|advise|tell)|help me|tell me|let me know|any (?:idea|advice|solution|help))\b/i;

/** True when a sentence asks something, with or without a question mark. */
export function isQuestion(sentence: string): boolean {
  const s = sentence.trim();
  return s.endsWith('?') || QUESTION_START.test(s) || QUESTION_WORDS.test(s);
}

// How a lexicon class's patterns can begin. A class's expression (`\b(?:rule|rule|…)`) used to be
// searched over every position of the joined words, about a fifth of a real-style classification,
// although it can match only where a word starts with one of a few letter strings ("aws",
// "ama", "tic", "cs", digits…). This reads the expression's source and lists those strings: every
// string of up to three letters and digits a match can begin with (a match's letters and digits up
// to its first other character, or its first three). A word that begins with none of them cannot
// start a match, so the expression need only be tried, sticky, where one does (classes.ts).
//
// The list may hold more than can match (a look-around or a word boundary is read as matching
// anything; a range as all its characters), never less: that keeps the search's matches the same.
// Syntax it does not know (a back-reference, a `{` that is no quantifier) gives no list, and the
// class is searched everywhere as before.

/** Letters and digits: the characters a normalised word is made of. */
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
/** Longest start listed; fewer when the list would grow past MAX_STARTS. */
const MAX_LENGTH = 3;
const MAX_STARTS = 5000;

/** One character out of `alnum`, or (`other`) some character that is no letter or digit. */
type Node =
  | { kind: 'char'; alnum: string; other: boolean }
  | { kind: 'empty'; boundary: boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

class Unsupported extends Error {}

/** Starts a match can have: `open` ones can go on with what follows, `closed` ones are complete. */
interface Starts {
  open: Set<string>;
  closed: Set<string>;
}

export interface PatternStarts {
  /** Every string of letters and digits a match may begin with (none is empty). */
  starts: Set<string>;
  longest: number;
}

/**
 * The starts of an expression whose matches begin at a word boundary followed by a letter or a
 * digit (null: it may start elsewhere, or its syntax is unknown here).
 */
export function patternStarts(source: string): PatternStarts | null {
  let tree: Node;
  try {
    tree = new Parser(source).parse();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  // Only `\b…` at the top: then a match that begins with a letter or digit begins a word.
  const first = tree.kind === 'seq' ? tree.items[0] : tree;
  if (first?.kind !== 'empty' || !first.boundary) return null;
  for (let length = MAX_LENGTH; length >= 1; length--) {
    let found: Starts;
    try {
      found = extend(EMPTY, tree, length);
    } catch (err) {
      if (err instanceof Unsupported) continue;
      throw err;
    }
    const starts = new Set([...found.open, ...found.closed]);
    // An empty start: a match may be empty or begin with another character; no word is excluded.
    if (starts.has('')) return null;
    return { starts, longest: Math.max(...[...starts].map((s) => s.length)) };
  }
  return null;
}

/** True when `segment` (letters and digits) begins with one of the starts. */
export function mayStartWith(p: PatternStarts, segment: string): boolean {
  const n = Math.min(p.longest, segment.length);
  for (let length = 1; length <= n; length++) if (p.starts.has(segment.slice(0, length))) return true;
  return false;
}

const EMPTY: Starts = { open: new Set(['']), closed: new Set() };

/**
 * The starts of what `a` began followed by a match of `node`, cut at `length` characters. Read
 * after what comes before it, a repeat such as `.{0,80}` lists only what fits in the few
 * characters left, not every string it could match.
 */
function extend(a: Starts, node: Node, length: number): Starts {
  if (a.open.size === 0) return a;
  switch (node.kind) {
    case 'empty':
      return a;
    case 'char': {
      const open = new Set<string>();
      const closed = new Set(a.closed);
      for (const x of a.open) {
        for (const c of node.alnum) {
          const s = x + c;
          (s.length >= length ? closed : open).add(s);
        }
        // A character that is no letter or digit ends what a word can show of the match.
        if (node.other) closed.add(x);
      }
      return checked({ open, closed });
    }
    case 'seq': {
      let s = a;
      for (const item of node.items) s = extend(s, item, length);
      return s;
    }
    case 'alt': {
      let all: Starts = { open: new Set(), closed: new Set() };
      for (const o of node.options) all = union(all, extend(a, o, length));
      return all;
    }
    case 'repeat': {
      let s = a;
      // After `length` rounds every start is closed or unchanged: more rounds add nothing.
      for (let i = 0; i < Math.min(node.min, length + 1); i++) s = extend(s, node.node, length);
      let all = s;
      for (let i = node.min; i < node.max; i++) {
        const next = extend(s, node.node, length);
        const merged = union(all, next);
        if (same(merged, all) && same(next, s)) break;
        if (i - node.min > 64) throw new Unsupported('no fixed point');
        all = merged;
        s = next;
      }
      return all;
    }
  }
}

function union(a: Starts, b: Starts): Starts {
  return checked({ open: new Set([...a.open, ...b.open]), closed: new Set([...a.closed, ...b.closed]) });
}

function same(a: Starts, b: Starts): boolean {
  return (
    a.open.size === b.open.size && a.closed.size === b.closed.size && [...a.open].every((x) => b.open.has(x)) && [...a.closed].every((x) => b.closed.has(x))
  );
}

function checked(s: Starts): Starts {
  if (s.open.size + s.closed.size > MAX_STARTS) throw new Unsupported('too many starts');
  return s;
}

/** The characters of a set, split into letters and digits and the rest. */
function charNode(alnum: Iterable<string>, other: boolean): Node {
  return { kind: 'char', alnum: [...new Set(alnum)].join(''), other };
}

function literal(c: string): Node {
  return ALNUM.includes(c) ? charNode(c, false) : charNode('', true);
}

/** A recursive-descent reader of the expression syntax the lexicon uses (without the `u` flag). */
class Parser {
  private at = 0;

  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at !== this.src.length) throw new Unsupported(`unexpected ${this.src[this.at]}`);
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.at];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.at++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unsupported('a { that is no quantifier');
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return node;
    }
    // Lazy or greedy, a repeat matches the same strings.
    if (this.src[this.at] === '?') this.at++;
    if (node.kind === 'empty') return node;
    return { kind: 'repeat', node, min, max };
  }

  private atom(): Node {
    const c = this.src[this.at++]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '.') return charNode(ALNUM, true);
    if (c === '^' || c === '$') return { kind: 'empty', boundary: false };
    if (c === '\\') return this.escape();
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported(`nothing to repeat at ${this.at}`);
    return literal(c);
  }

  private group(): Node {
    let lookaround = false;
    if (this.src.startsWith('?:', this.at)) this.at += 2;
    else if (this.src.startsWith('?=', this.at) || this.src.startsWith('?!', this.at)) (this.at += 2), (lookaround = true);
    else if (this.src.startsWith('?<=', this.at) || this.src.startsWith('?<!', this.at)) (this.at += 3), (lookaround = true);
    else if (this.src[this.at] === '?') throw new Unsupported('unknown group');
    const inner = this.alternation();
    if (this.src[this.at++] !== ')') throw new Unsupported('unclosed group');
    // A look-around reads text but matches none: read here as matching anything.
    return lookaround ? { kind: 'empty', boundary: false } : inner;
  }

  private escape(): Node {
    const c = this.src[this.at++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    if (c === 'b') return { kind: 'empty', boundary: true };
    if (c === 'B') return { kind: 'empty', boundary: false };
    const set = classEscape(c);
    if (set) return set;
    return literal(this.escapedChar(c));
  }

  /** The character an escape other than a class stands for. */
  private escapedChar(c: string): string {
    if (/[1-9k]/.test(c)) throw new Unsupported('back-reference');
    if (c === 'x' || c === 'u') {
      const n = c === 'x' ? 2 : 4;
      const hex = this.src.slice(this.at, this.at + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Unsupported('bad hex escape');
      this.at += n;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (c === 'c' || c === 'p' || c === 'P') throw new Unsupported(`\\${c}`);
    // \n, \t, \0 and the like are no letters; any other escaped character stands for itself.
    return /[nrtfv0]/.test(c) ? '\n' : c;
  }

  private charClass(): Node {
    const negated = this.src[this.at] === '^';
    if (negated) this.at++;
    const alnum = new Set<string>();
    let other = false;
    // As in JavaScript, a `]` right after `[` closes the class (`[]` matches nothing).
    while (this.src[this.at] !== ']') {
      if (this.at >= this.src.length) throw new Unsupported('unclosed class');
      let lo = this.src[this.at++]!;
      if (lo === '\\') {
        const e = this.src[this.at++]!;
        const set = classEscape(e);
        if (set && set.kind === 'char') {
          for (const x of set.alnum) alnum.add(x);
          other ||= set.other;
          continue;
        }
        lo = e === 'b' ? '\b' : this.escapedChar(e);
      }
      let hi = lo;
      if (this.src[this.at] === '-' && this.src[this.at + 1] !== ']' && this.src[this.at + 1] !== undefined) {
        this.at++;
        hi = this.src[this.at++]!;
        if (hi === '\\') throw new Unsupported('escape as a range end');
      }
      for (const x of ALNUM) if (x >= lo && x <= hi) alnum.add(x);
      other ||= holdsOther(lo, hi);
    }
    this.at++;
    // Not one of a finite set: every letter and digit left out, and surely some other character.
    if (negated)
      return charNode(
        [...ALNUM].filter((x) => !alnum.has(x)),
        true,
      );
    return charNode(alnum, other);
  }
}

/** \d, \w, \s and their negations as sets (null: no class escape). */
function classEscape(c: string): Node | null {
  switch (c) {
    case 'd':
      return charNode(DIGITS, false);
    case 'D':
      return charNode(
        [...ALNUM].filter((x) => !DIGITS.includes(x)),
        true,
      );
    case 'w':
    case 'S':
      return charNode(ALNUM, true);
    case 's':
    case 'W':
      return charNode('', true);
    default:
      return null;
  }
}

/** True when the range holds a character that is no letter or digit. */
function holdsOther(lo: string, hi: string): boolean {
  const size = hi.charCodeAt(0) - lo.charCodeAt(0) + 1;
  if (size < 1) throw new Unsupported('range out of order');
  return size > [...ALNUM].filter((x) => x >= lo && x <= hi).length;
}

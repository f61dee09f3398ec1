// What reading a message asks about each of its words, found with one look-up per word. Three
// stages asked a map of their own about every word: does the training vocabulary know it
// (spelling), which lexicon phrases start with it (classes), where is its stem among the
// classifier's features (feature-ids). String-keyed look-ups were about a tenth of the time of a
// classification (perf: the map search, string hashing and comparing). Each answer here is the
// owner's own, computed on a word's first look-up and remembered: they are pure functions of
// the word, so nothing a message sees changes.
import { patternStartsIn, phrasesStartingWith, type PatternStart, type PhraseEntries } from './classes';
import type { LexiconClass } from './lexicon';

export interface WordFacts {
  /** The training vocabulary knows the word as it is (SpellingCorrector.knows). */
  known: boolean;
  /** The classes' phrases that start with the word (undefined: none). */
  phrases: PhraseEntries | undefined;
  /** Where in the word a class's expression may start a match (undefined: nowhere). */
  patternStarts: PatternStart[] | undefined;
  /** Position of the word's stem among the classifier's features (-1: not a feature). */
  stemAt: number;
}

/** Words remembered (the stem cache's bound); the map is emptied when full. */
const LIMIT = 20000;

export class WordFactsTable {
  private readonly facts = new Map<string, WordFacts>();

  constructor(
    /** The lexicon classes the phrases are those of. */
    readonly classes: readonly LexiconClass[],
    private readonly knows: (word: string) => boolean,
    private readonly stemPosition: (word: string) => number,
  ) {}

  of(word: string): WordFacts {
    let f = this.facts.get(word);
    if (f === undefined) {
      f = {
        known: this.knows(word),
        phrases: phrasesStartingWith(this.classes, word),
        patternStarts: patternStartsIn(this.classes, word),
        stemAt: this.stemPosition(word),
      };
      if (this.facts.size >= LIMIT) this.facts.clear();
      this.facts.set(word, f);
    }
    return f;
  }
}

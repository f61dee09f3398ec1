// Our matcher remembers the correction of each misspelled word it has seen. The latency benchmark
// repeats the held-out messages many times, so that memory is emptied before every timed call:
// each message is classified as if it were new (the same treatment NLP.js's utterance cache gets).
import type { Matcher } from '../../src/nlu/matcher';

interface WithSpeller {
  speller?: { cache?: Map<string, string> };
}

export function forgetSpellingCache(matcher: Matcher): void {
  const cache = (matcher as unknown as WithSpeller).speller?.cache;
  if (!(cache instanceof Map)) throw new Error('Matcher internals changed: no spelling cache found to empty');
  cache.clear();
}

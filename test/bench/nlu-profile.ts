// A fixed amount of classification work for profilers: `rounds` passes over some message sets
// (default: the held-out and real-style development sets; `real-style` is for speed only, never
// for tuning), each call seeing its message as new, as in the bench. Under valgrind's callgrind,
// two runs with different round counts give the instructions per classify without the start-up:
//   npx tsc -p tsconfig.json
//   valgrind --tool=callgrind node dist/test/bench/nlu-profile.js 1 heldout   (and again with 3)
// or `node --cpu-prof dist/test/bench/nlu-profile.js 200` for a sampled profile.
import { loadHeldout } from '../../src/nlu/evaluate';
import { loadMatcher } from '../../src/nlu/load';
import { loadRealStyle, REAL_STYLE_DEV_FILE } from '../../src/nlu/real-style';
import { forgetSpellingCache } from './first-seen';

const SETS: Record<string, () => string[]> = {
  heldout: () => loadHeldout().map((e) => e.text),
  dev: () => loadRealStyle(REAL_STYLE_DEV_FILE).map((e) => e.text),
  'real-style': () => loadRealStyle().map((e) => e.text),
};
const rounds = Number(process.argv[2] ?? 50);
const sets = process.argv.length > 3 ? process.argv.slice(3) : ['heldout', 'dev'];
if (!Number.isInteger(rounds) || rounds < 0 || rounds > 100_000 || sets.some((s) => !SETS[s])) {
  throw new Error(`usage: nlu-profile.js <rounds 0..100000> [${Object.keys(SETS).join('|')}]...`);
}
const texts = sets.flatMap((s) => SETS[s]!());
const matcher = loadMatcher();
let intents = 0;
const began = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const t of texts) {
    forgetSpellingCache(matcher);
    intents += matcher.classify(t).intents.length;
  }
}
const ms = performance.now() - began;
process.stdout.write(`${rounds * texts.length} calls, ${((ms * 1000) / Math.max(1, rounds * texts.length)).toFixed(1)} µs mean, ${intents} intents\n`);

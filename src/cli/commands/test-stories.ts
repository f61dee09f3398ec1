// `region-lock-bot test-stories [FILE…]`: plays the dialogue stories (default: every file in
// fixtures/stories/) through the engine and prints a pass/fail table; exit 1 if any fails.
import type { Command } from '../main';
import { loadConfig } from '../../config';
import { createEngine } from '../../engine/index';
import { loadStories, runStory, storyFiles, storyTable } from '../../stories/stories';
import { answerCheck } from '../../stories/answer-check';

export const command: Command = {
  summary: 'Run the dialogue stories (fixtures/stories/*.yaml, or the files named) and print a pass/fail table',
  usage: 'region-lock-bot test-stories [FILE.yaml ...]',
  async run(args) {
    const files = args.length ? args : storyFiles();
    const engine = createEngine(loadConfig());
    const check = answerCheck(engine);
    const results = loadStories(files).map((s) => runStory(engine, s, undefined, check));
    console.log(storyTable(results));
    return results.every((r) => r.passed) ? 0 : 1;
  },
};

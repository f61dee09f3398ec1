// `region-lock-bot classify FILE.jsonl|-`: adds intent and confidence to every line.
import type { Command } from '../main';
import { UsageError } from '../main';
import { eachJsonlLine, requireText, writeLine, parseFlags } from '../jsonl';
import { loadMatcher } from '../../nlu/load';

export const command: Command = {
  summary: 'Classify messages: JSONL lines with "text" in, the same lines with "intent", "confidence", "intents" and "entities" out',
  usage: 'region-lock-bot classify FILE.jsonl   (or - for standard input)',
  async run(args) {
    const { positional } = parseFlags(args, {});
    if (positional.length !== 1) throw new UsageError('expected exactly one input (a JSONL file or -)');
    const matcher = loadMatcher();
    return eachJsonlLine('classify', positional[0]!, requireText, async ({ value }) => {
      const m = matcher.classify(value.text as string);
      await writeLine(JSON.stringify({ ...value, intent: m.intent, confidence: m.confidence, intents: m.intents, entities: m.entities }));
    });
  },
};

// `region-lock-bot train`: trains the matcher from intents/ and saves the model used at start-up.
import type { Command } from '../main';
import { modelPath, saveMatcher, trainFromCorpus } from '../../nlu/load';

export const command: Command = {
  summary: 'Train the intent matcher from intents/ and save the model (start-up reuses it until intents/ changes)',
  usage: 'region-lock-bot train',
  async run() {
    const started = performance.now();
    const matcher = trainFromCorpus();
    const ms = performance.now() - started;
    const file = modelPath();
    saveMatcher(matcher, file);
    const { temperature, temperaturePerFeature, threshold } = matcher.calibration;
    console.log(
      `trained ${matcher.classifier.labels.length} intents in ${ms.toFixed(0)} ms (temperature ${temperature} + ${temperaturePerFeature} per feature, out-of-scope threshold ${threshold})`,
    );
    console.log(`saved ${file}`);
    return 0;
  },
};

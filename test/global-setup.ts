// Trains (or loads) the intent model once before the test files start, so parallel workers
// read the saved model instead of each training their own copy at the same time.
import { loadMatcher } from '../src/nlu/load';

export default function setup(): void {
  process.env.DOTENV_CONFIG_QUIET = 'true';
  loadMatcher();
  loadMatcher('zh');
}

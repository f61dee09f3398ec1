// The fixture conversations (fixtures/stories/*.yaml): the turns a real user types.
import { loadStories } from '../../src/stories/stories';

export function loadDialogues(): string[][] {
  return loadStories().map((s) => s.turns.map((t) => t.user));
}

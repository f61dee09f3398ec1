// Entities a message names, as the turn reports them: exchange, country, error, hosting,
// support_channel and duration (the kinds are the `entity` fields of intents/lexicon/classes/).
import type { ClassMatch } from './classes';

/** Entity kind -> values in the order they appear, e.g. { exchange: ['OKX'], error: ['451'] }. */
export type Entities = Record<string, string[]>;

export function entitiesOf(matches: readonly ClassMatch[]): Entities {
  const out: Entities = {};
  for (const m of matches) {
    const list = (out[m.class.entity] ??= []);
    if (!list.includes(m.value)) list.push(m.value);
  }
  return out;
}

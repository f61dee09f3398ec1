// The shape of test/bench/results.json.
import type { MachineInfo } from './machine';
import type { StoreResult } from './store';
import type { NluResult } from './nlu';
import type { TurnResult } from './turn';
import type { StartupResult } from './startup';
import type { MemoryResult } from './memory';
import type { SlackHttpResult } from './slack-http';
import type { WebChatResult } from './web-chat';
import type { TargetCheck } from './targets';

export interface Skipped {
  skipped: string;
}

export interface BenchResults {
  date: string;
  machine: MachineInfo;
  nlu: NluResult | null;
  turn: TurnResult | null;
  /** Warm start (saved model) from spawn to "ready", median. */
  startup_ms: number | null;
  startup: StartupResult | null;
  rss_mb: MemoryResult | null;
  /** The session store, SQLite beside the old log (absent in results written before it existed). */
  store?: StoreResult | null;
  http: {
    slack: SlackHttpResult | Skipped;
    web: WebChatResult | Skipped;
  };
  targets: TargetCheck[];
  /** Sections that failed, with the reason. */
  errors: Record<string, string>;
  duration_s: number;
}

// Latency statistics: percentiles over per-call samples, and a timer that keeps them in microseconds.

export interface LatencySummary {
  samples: number;
  p50_us: number;
  p99_us: number;
  mean_us: number;
}

/** Nearest-rank percentile of an ascending-sorted list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const r1 = (x: number) => Math.round(x * 10) / 10;

export function summarize(samplesUs: number[]): LatencySummary {
  const sorted = Float64Array.from(samplesUs).sort();
  const list = Array.from(sorted);
  const mean = list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  return { samples: list.length, p50_us: r1(percentile(list, 50)), p99_us: r1(percentile(list, 99)), mean_us: r1(mean) };
}

/** Microseconds since `start` (a process.hrtime.bigint() reading). */
export function elapsedUs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1000;
}

/** Rounds to a fixed number of decimals for the report. */
export function round(x: number, decimals = 1): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

// The targets the project holds itself to, checked against a run's results.
import type { BenchResults } from './results';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

export function checkTargets(r: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string | null, met: boolean | null) =>
    checks.push({ target, measured: measured ?? 'not measured', met: measured === null ? null : met });
  add('full turn p99 < 1 ms', r.turn ? `${r.turn.p99_us} µs` : null, r.turn ? r.turn.p99_us < 1000 : null);
  add(
    'matcher accuracy ≥ NLP.js',
    r.nlu ? `${r.nlu.ours.accuracy} vs ${r.nlu.nlpjs.accuracy}` : null,
    r.nlu ? r.nlu.ours.accuracy >= r.nlu.nlpjs.accuracy : null,
  );
  // The accuracy is stored to three decimals: 404 of 449 reads 0.9 but is 0.8998, so the target is
  // checked on the count of messages it stands for.
  const rs = r.nlu?.real_style;
  const correct = rs ? Math.round(rs.ours_accuracy * rs.examples) : 0;
  add('real-style accuracy ≥ 0.90', rs ? `${rs.ours_accuracy} (${correct} of ${rs.examples})` : null, rs ? correct >= 0.9 * rs.examples : null);
  add('matcher ≥ 2× faster than NLP.js (median)', r.nlu ? `${r.nlu.speed_ratio}×` : null, r.nlu ? r.nlu.speed_ratio >= 2 : null);
  add(
    'matcher ≥ 2× faster than NLP.js on real-style messages (median)',
    r.nlu?.real_style ? `${r.nlu.real_style.speed_ratio}×` : null,
    r.nlu?.real_style ? r.nlu.real_style.speed_ratio >= 2 : null,
  );
  add('ready < 1 s (saved model)', r.startup_ms !== null ? `${r.startup_ms} ms` : null, r.startup_ms !== null ? r.startup_ms < 1000 : null);
  add('< 200 MB RSS with 10,000 conversations', r.rss_mb ? `${r.rss_mb.sessions_10k} MB` : null, r.rss_mb ? r.rss_mb.sessions_10k < 200 : null);
  return checks;
}

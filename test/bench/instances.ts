// Bench: one instance against two instances on one Redis, at the same offered load, with the embedded
// SQLite store beside them. Real `region-lock-bot start` processes, real redis-server (free loopback
// port, no persistence), POST /api/messages from this process. Run: npm run bench:instances
// Not part of npm test, and nothing asserts a timing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killStartedProcesses, startBotProcess, type BotProcess } from '../helpers/cli-process';
import { startRedis } from '../helpers/redis-server';

const USERS = Number(process.env.BENCH_USERS ?? 200);
const TURNS = Number(process.env.BENCH_TURNS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SCRIPT = [
  'binance says your region is not supported',
  'it happens on every network',
  'no',
  'is my money safe?',
  'can I still withdraw?',
  'how long does support take?',
  'thanks',
  'start over',
];
const ENV = { RATE_LIMIT_PER_MINUTE: '10000', MAX_CONVERSATIONS: '1000000', LOG_LEVEL: 'warn' };

async function drive(
  urls: string[],
  tag: string,
): Promise<{ setup: string; messages: number; seconds: number; perSecond: number; p50: number; p99: number; errors: number }> {
  const jobs: { user: string; turn: number }[] = [];
  // Turns of one user in order; users interleaved so every instance sees every conversation.
  for (let t = 0; t < TURNS; t++) for (let u = 0; u < USERS; u++) jobs.push({ user: `${tag.replace(/[^a-z0-9]+/gi, '-')}-u${u}`, turn: t });
  const next = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  let sent = 0;
  const started = performance.now();
  const worker = async () => {
    while (i < jobs.length) {
      const job = jobs[i++]!;
      // Keep one user's turns in order: wait until the previous one is answered (bounded).
      for (let w = 0; (next.get(job.user) ?? 0) < job.turn && w < 100_000; w++) await new Promise((r) => setImmediate(r));
      const url = urls[sent++ % urls.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', user: job.user, text: SCRIPT[job.turn % SCRIPT.length] }),
          signal: AbortSignal.timeout(30_000),
        });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
      next.set(job.user, job.turn + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
  return {
    setup: tag,
    messages: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latencies.length / seconds),
    p50: q(0.5),
    p99: q(0.99),
    errors,
  };
}

async function main(): Promise<void> {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'rlb-bench-inst-'));
    dirs.push(d);
    return d;
  };
  const redis = await startRedis();
  const results = [];
  try {
    const stopAll = (ps: BotProcess[]) => Promise.all(ps.map((p) => (p.child.kill('SIGTERM'), p.exited)));
    const embedded = [await startBotProcess(dir(), ENV)];
    results.push(
      await drive(
        embedded.map((p) => p.url),
        'embedded SQLite, 1 instance',
      ),
    );
    await stopAll(embedded);
    const one = [await startBotProcess(dir(), { ...ENV, REDIS_URL: redis.url })];
    results.push(
      await drive(
        one.map((p) => p.url),
        'Redis, 1 instance',
      ),
    );
    await stopAll(one);
    const two = await Promise.all([startBotProcess(dir(), { ...ENV, REDIS_URL: redis.url }), startBotProcess(dir(), { ...ENV, REDIS_URL: redis.url })]);
    results.push(
      await drive(
        two.map((p) => p.url),
        'Redis, 2 instances',
      ),
    );
    await stopAll(two);
  } finally {
    killStartedProcesses();
    await redis.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  console.log(`load: ${USERS} users × ${TURNS} turns = ${USERS * TURNS} messages, ${CONCURRENCY} in flight, round-robin over the instances`);
  console.log('| setup | messages | seconds | messages/s | p50 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.setup} | ${r.messages} | ${r.seconds} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.errors} |`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

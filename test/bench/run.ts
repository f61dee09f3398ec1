// `npm run bench`: accuracy and speed side by side with NLP.js, full-turn latency, start-up, memory
// and the HTTP paths. Prints Markdown tables and writes test/bench/results.json. Not part of `npm test`.
// `npm run bench -- nlu turn` runs only the named sections (of SECTIONS below) and prints their
// tables without touching results.json, which keeps the figures of a complete run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/paths';
import { loadAverage, machineInfo } from './machine';
import { benchNlu } from './nlu';
import { benchTurn } from './turn';
import { benchStartup } from './startup';
import { benchMemory } from './memory';
import { benchSlackHttp } from './slack-http';
import { benchWebChat } from './web-chat';
import { benchStore } from './store';
import { checkTargets } from './targets';
import { markdownTables } from './table';
import type { BenchResults, Skipped } from './results';

const RESULTS_FILE = join(PACKAGE_ROOT, 'test', 'bench', 'results.json');
const SECTIONS = ['startup', 'memory', 'nlu', 'turn', 'slack', 'web', 'store'] as const;
const chosen = process.argv.slice(2);
for (const c of chosen) if (!(SECTIONS as readonly string[]).includes(c)) throw new Error(`unknown bench section "${c}" (known: ${SECTIONS.join(', ')})`);
/** True when a section runs: every one by default, else only those named on the command line. */
const runs = (key: (typeof SECTIONS)[number]) => chosen.length === 0 || chosen.includes(key);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function section<T>(name: string, errors: Record<string, string>, run: () => Promise<T> | T, key: (typeof SECTIONS)[number]): Promise<T | null> {
  if (!runs(key)) return null;
  log(`${name}…`);
  const began = performance.now();
  try {
    const result = await run();
    log(`  (${((performance.now() - began) / 1000).toFixed(1)} s)`);
    return result;
  } catch (err) {
    errors[name] = (err as Error).message.split('\n')[0]!;
    log(`  FAILED: ${(err as Error).stack}`);
    return null;
  }
}

const asSkipped = (name: string, errors: Record<string, string>): Skipped => ({
  skipped: name in errors ? `failed: ${errors[name]}` : 'not selected on the command line',
});

async function main(): Promise<number> {
  const began = performance.now();
  const errors: Record<string, string> = {};
  const machine = machineInfo();
  log(`region-lock-bot bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.os}, load ${machine.load_1m}`);
  // Child processes first, while this process is still idle.
  const startup = await section('start-up', errors, () => benchStartup(log), 'startup');
  const memory = await section('memory', errors, () => benchMemory(log), 'memory');
  const nlu = await section('NLU side by side', errors, () => benchNlu(log), 'nlu');
  const turn = await section('full turn', errors, () => benchTurn(log), 'turn');
  const slack = (await section('Slack HTTP', errors, () => benchSlackHttp(log), 'slack')) ?? asSkipped('Slack HTTP', errors);
  const web = (await section('web chat', errors, () => benchWebChat(log), 'web')) ?? asSkipped('web chat', errors);
  const store = await section('session store', errors, () => benchStore(log), 'store');

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine,
    nlu,
    turn,
    startup_ms: startup?.warm_ms ?? null,
    startup,
    rss_mb: memory,
    store,
    http: { slack, web },
    targets: [],
    errors,
    duration_s: 0,
  };
  results.machine.load_1m_end = loadAverage();
  results.targets = checkTargets(results);
  results.duration_s = Math.round((performance.now() - began) / 100) / 10;
  if (chosen.length === 0) writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${markdownTables(results)}\n\n`);
  process.stdout.write(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.os}; load ${machine.load_1m} → ${machine.load_1m_end}. ${results.date}. Took ${results.duration_s} s.\n`,
  );
  process.stdout.write(chosen.length === 0 ? `Written to ${RESULTS_FILE}\n` : `Sections ${chosen.join(', ')} only; ${RESULTS_FILE} left as it was.\n`);
  for (const s of [slack, web]) if ('skipped' in s) process.stdout.write(`Note: an HTTP path was skipped: ${s.skipped}\n`);
  return Object.keys(errors).length ? 1 : 0;
}

main().then(
  // Exit explicitly (a closed server may leave a timer behind), once stdout has been flushed.
  (code) => process.stdout.write('', () => process.exit(code)),
  (err) => {
    log(`bench failed: ${(err as Error).stack}`);
    process.exit(1);
  },
);

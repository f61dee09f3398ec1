// Started by bot-process.ts: runs the real bot (startBot) in its own process, as in production, so
// the load generator in the bench process does not share its event loop. Settings come from the
// environment; prints "listening <url>" when ready and stops cleanly on SIGTERM.
import { startBenchBot } from './bench-bot';

async function main(): Promise<void> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const began = performance.now();
  const bot = await startBenchBot(env);
  process.stdout.write(`listening ${bot.url} ${(performance.now() - began).toFixed(1)}\n`);
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});

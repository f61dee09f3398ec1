// The region-lock-bot command line: one binary, one file per command under ./commands.
import { ConfigError } from '../config';

export interface Command {
  /** One line for the help screen. */
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

// Commands load lazily (dynamic import) so that `classify` does not pay for Slack, Discord and Botkit.
type Loader = () => Promise<{ command: Command }>;
const COMMANDS: Record<string, Loader> = {
  start: () => import('./commands/start.js'),
  chat: () => import('./commands/chat.js'),
  classify: () => import('./commands/classify.js'),
  eval: () => import('./commands/eval.js'),
  train: () => import('./commands/train.js'),
  replay: () => import('./commands/replay.js'),
  triage: () => import('./commands/triage.js'),
  'test-stories': () => import('./commands/test-stories.js'),
  'discord-deploy-commands': () => import('./commands/discord-deploy-commands.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: region-lock-bot <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(26)} ${(await load()).command.summary}`);
  }
  lines.push('', 'Run `region-lock-bot <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await help());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`region-lock-bot: unknown command "${name}"\n\n${await help()}`);
    return 2;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`region-lock-bot: ${err.message}`);
      return 2;
    }
    if (err instanceof UsageError) {
      console.error(`region-lock-bot ${name}: ${err.message}\nUsage: ${command.usage}`);
      return 2;
    }
    throw err;
  }
}

/** A mistake in how a command was called; printed with the usage line, never a stack trace. */
export class UsageError extends Error {}

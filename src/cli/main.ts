// The region-lock-bot command line: one binary, one file per command under ./commands.
import { ConfigError } from '../config';

export interface Command {
  /** One line for the help screen. */
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

// Commands load lazily so that `classify` does not pay for Slack, Discord and Botkit.
const COMMANDS: Record<string, () => Command> = {
  start: () => require('./commands/start').command,
  chat: () => require('./commands/chat').command,
  classify: () => require('./commands/classify').command,
  eval: () => require('./commands/eval').command,
  train: () => require('./commands/train').command,
  replay: () => require('./commands/replay').command,
  triage: () => require('./commands/triage').command,
  'discord-deploy-commands': () => require('./commands/discord-deploy-commands').command,
};

function help(): string {
  const lines = ['Usage: region-lock-bot <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      lines.push(`  ${name.padEnd(26)} ${load().summary}`);
    } catch {
      // A command whose module is missing is simply not listed.
    }
  }
  lines.push('', 'Run `region-lock-bot <command> --help` for the options of a command.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`region-lock-bot: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const command = load();
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

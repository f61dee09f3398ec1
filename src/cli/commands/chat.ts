// `region-lock-bot chat`: talk to the engine in a terminal; options can be picked by number.
import { createInterface } from 'node:readline';
import type { Command } from '../main';
import { loadConfig } from '../../config';
import { createEngine } from '../../engine/index';
import type { ConversationState } from '../../engine/state';
import type { AnswerOption, Turn } from '../../engine/types';

function render(turn: Turn, color: boolean): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  const text = turn.reply
    .replace(/\*\*(.+?)\*\*/g, (_, s: string) => bold(s))
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/^- /gm, '  • ');
  const options = turn.options.map((o, i) => `  ${i + 1}) ${o.label}`).join('\n');
  return `\n${text}${options ? `\n\n${options}` : ''}\n`;
}

export const command: Command = {
  summary: 'Chat with the bot in this terminal (no accounts needed); pick options by number',
  usage: 'region-lock-bot chat',
  async run() {
    const engine = createEngine(loadConfig());
    const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: !!process.stdin.isTTY });
    let state: ConversationState | undefined;
    let options: AnswerOption[] = [];
    console.log(`region-lock-bot (${engine.knowledge.exchange.name}). Describe your problem; type a number to pick an option, "start over" to reset, /quit to leave.`);
    const prompt = () => process.stdout.write(color ? '\x1b[36myou>\x1b[0m ' : 'you> ');
    prompt();
    for await (const line of rl) {
      // Piped input is not echoed by a terminal; print it so a saved session reads as a transcript.
      if (!process.stdin.isTTY) process.stdout.write(`${line}\n`);
      const text = line.trim();
      if (text === '/quit' || text === '/exit') break;
      const picked = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
      const result = engine.step(state, picked ? { text: picked.label, optionId: picked.id } : { text: line }, Date.now());
      state = result.state;
      options = result.turn.options;
      if (result.turn.silent) console.log('\n(a support agent has this conversation; the bot stays quiet)\n');
      else console.log(`${color ? '\x1b[33mbot>\x1b[0m' : 'bot>'}${render(result.turn, color)}`);
      prompt();
    }
    rl.close();
    process.stdout.write('\n');
    return 0;
  },
};

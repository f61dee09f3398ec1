// `region-lock-bot chat`: talk to the engine in a terminal; options can be picked by number.
import { createInterface } from 'node:readline';
import type { Command } from '../main';
import { loadConfig } from '../../config';
import { createEngine } from '../../engine/index';
import type { ConversationState } from '../../engine/state';
import type { AnswerOption } from '../../engine/types';

/** Visible width of a line: escape codes take no room. */
const width = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/** Wraps a line at word boundaries to `columns`, keeping a bullet's indent on the next lines. */
export function wrap(line: string, columns: number): string {
  if (width(line) <= columns) return line;
  const indent = /^(\s*(?:•\s+|\d+\)\s+)?)/.exec(line)![1]!.replace(/\S/g, ' ');
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/ +/)) {
    if (current && width(current) + 1 + width(word) > columns) {
      out.push(current);
      current = indent + word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) out.push(current);
  return out.join('\n');
}

export function render(reply: string, options: AnswerOption[], color: boolean, columns = 80): string {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[22m` : s);
  // Links first: an escape code starts with "[", which the link pattern would otherwise take.
  const text = reply
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 <$2>')
    .replace(/\*\*(.+?)\*\*/g, (_, s: string) => bold(s))
    .replace(/^- /gm, '  • ')
    .split('\n')
    .map((line) => wrap(line, columns))
    .join('\n');
  const list = options.map((o, i) => wrap(`  ${i + 1}) ${o.label}`, columns)).join('\n');
  return `\n${text}${list ? `\n\n${list}` : ''}\n`;
}

/** The terminal has no agent behind it: the hand-off notice says so, and the bot keeps answering. */
function withoutAgent(engine: ReturnType<typeof createEngine>, reply: string, language: string): string {
  const noAgent = engine.message('handoff_no_agent', {}, language);
  for (const key of ['request_human', 'handoff_started'] as const) {
    const notice = engine.message(key, {}, language);
    if (reply.endsWith(notice)) return [reply.slice(0, -notice.length).trim(), noAgent].filter(Boolean).join('\n\n');
  }
  return `${reply}\n\n${noAgent}`;
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
    console.log(
      `region-lock-bot (${engine.knowledge.exchange.name}). Describe your problem; type a number to pick an option, "start over" to reset, /quit to leave.`,
    );
    const prompt = () => process.stdout.write(color ? '\x1b[36myou>\x1b[0m ' : 'you> ');
    prompt();
    for await (const line of rl) {
      // Piped input is not echoed by a terminal; print it so a saved session reads as a transcript.
      if (!process.stdin.isTTY) process.stdout.write(`${line}\n`);
      const text = line.trim();
      if (text === '/quit' || text === '/exit') break;
      const picked = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
      const result = engine.step(state, picked ? { text: picked.label, optionId: picked.id } : { text: line }, Date.now());
      // No agent will take over in a terminal: the conversation is never held, so the bot keeps
      // answering and "start over" always works.
      state = result.state.handoff ? { ...result.state, handoff: null, misunderstandings: 0 } : result.state;
      options = result.turn.options;
      const reply = result.turn.handoff ? withoutAgent(engine, result.turn.reply, result.turn.language) : result.turn.reply;
      const columns = Math.max(40, Math.min(process.stdout.columns || 80, 100));
      console.log(`${color ? '\x1b[33mbot>\x1b[0m' : 'bot>'}${render(reply, options, color, columns)}`);
      prompt();
    }
    rl.close();
    process.stdout.write('\n');
    return 0;
  },
};

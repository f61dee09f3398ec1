// Discord refuses message content over 2,000 characters. Long replies are split by the shared
// splitter, never inside a [label](url) link.
import { splitText, type SafeCut } from '../../shared/split-text';

export { truncate } from '../../shared/split-text';

export const MESSAGE_CONTENT_MAX = 2000;

/** An unfinished "[label](url" would show as raw Markdown; the cut moves before its "[". */
const keepMarkdownLinks: SafeCut = (line, cut) => {
  const head = line.slice(0, cut);
  const open = head.lastIndexOf('[');
  const close = head.lastIndexOf(')');
  if (open > close && open > 0 && /\[[^\]]*\]\([^)]*$|\[[^\]]*$/.test(head.slice(open))) return open;
  return cut;
};

/** Splits Markdown into chunks of at most `max` characters. */
export function splitMessage(text: string, max = MESSAGE_CONTENT_MAX): string[] {
  return splitText(text, max, keepMarkdownLinks);
}

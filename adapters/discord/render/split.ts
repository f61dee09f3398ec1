// Discord refuses message content over 2,000 characters. Long replies are split at paragraph,
// then line, then word boundaries, never inside a [label](url) link.
export const MESSAGE_CONTENT_MAX = 2000;

/** Cuts one over-long line at a space, moving the cut before a Markdown link that it would break. */
function hardSplit(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    const head = rest.slice(0, cut);
    const open = head.lastIndexOf('[');
    const close = head.lastIndexOf(')');
    // An unfinished "[label](url" would show as raw Markdown; move it to the next piece.
    if (open > close && open > 0 && /\[[^\]]*\]\([^)]*$|\[[^\]]*$/.test(head.slice(open))) cut = open;
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits Markdown into chunks of at most `max` characters. */
export function splitMessage(text: string, max = MESSAGE_CONTENT_MAX): string[] {
  const units: { piece: string; sep: string }[] = [];
  for (const para of text.split(/\n{2,}/)) {
    if (!para.trim()) continue;
    if (para.length <= max) {
      units.push({ piece: para, sep: '\n\n' });
      continue;
    }
    let first = true;
    for (const line of para.split('\n')) {
      const sep = first ? '\n\n' : '\n';
      first = false;
      if (line.length <= max) units.push({ piece: line, sep });
      else hardSplit(line, max).forEach((piece, i) => units.push({ piece, sep: i === 0 ? sep : '\n' }));
    }
  }
  const chunks: string[] = [];
  let current = '';
  for (const { piece, sep } of units) {
    if (!current) current = piece;
    else if (current.length + sep.length + piece.length <= max) current += sep + piece;
    else {
      chunks.push(current);
      current = piece;
    }
  }
  if (current.trim()) chunks.push(current);
  return chunks;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

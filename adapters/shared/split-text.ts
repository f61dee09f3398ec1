// Chat platforms cap a message (Discord) or a block (Slack) at a number of characters. Long replies
// are split at paragraph, then line, then word boundaries; each platform says where a cut would
// break its own markup (a link, an entity), and the cut moves before it.

/**
 * Given a line and a proposed cut position, returns the position to cut at instead so that no
 * markup element is broken (or `cut` itself when it is safe). Must return a value in (0, cut].
 */
export type SafeCut = (line: string, cut: number) => number;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cuts one over-long line at a space (or at `max` if none is near), moved by `safeCut`. */
function hardSplit(line: string, max: number, safeCut: SafeCut): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    cut = safeCut(rest, cut);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits text into chunks of at most `max` characters, preferring paragraph, then line boundaries. */
export function splitText(text: string, max: number, safeCut: SafeCut): string[] {
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
      else hardSplit(line, max, safeCut).forEach((piece, i) => units.push({ piece, sep: i === 0 ? sep : '\n' }));
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

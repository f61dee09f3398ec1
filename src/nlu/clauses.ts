// Splits a message where a second question or statement starts, so each can be classified.
const SENTENCE = /(?<=[?!.;\n])\s+|\n+/;
const JOINERS =
  /\s*(?:,\s*)?\b(?:and also|and|also|plus|but|btw|by the way|oh and|another thing|one more thing)\s+(?=(?:can|could|will|would|is|are|am|do|does|did|how|what|why|when|where|should|must|may|i|my|it)\b)|\s*,\s*(?=(?:can|could|will|would|is|are|do|does|how|what|why|when|where|should)\b)/i;

export function splitClauses(text: string): string[] {
  const out: string[] = [];
  for (const sentence of text.slice(0, 2000).split(SENTENCE)) {
    for (const part of sentence.split(JOINERS)) {
      const t = part.trim();
      if (t.split(/\s+/).length >= 2) out.push(t);
    }
  }
  return out.slice(0, 6);
}

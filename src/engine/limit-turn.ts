// Cuts oversized input before any processing, so megabyte messages cost no more than a long one.
export function limitTurn(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (typeof text !== 'string') return { text: '', truncated: false };
  if (text.length <= maxChars) return { text, truncated: false };
  return { text: text.slice(0, maxChars), truncated: true };
}

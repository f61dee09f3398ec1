// Which key prefixes a store keeps a live count for, so count() never scans: '', the first segment
// and the first two ("conv:", "conv:web:"). Shared by the SQLite and Redis stores so both count alike.
export function countedPrefixes(key: string): string[] {
  const out = [''];
  const first = key.indexOf(':');
  if (first < 0) return out;
  out.push(key.slice(0, first + 1));
  const second = key.indexOf(':', first + 1);
  if (second >= 0) out.push(key.slice(0, second + 1));
  return out;
}

export const isCountedPrefix = (prefix: string): boolean => prefix === '' || countedPrefixes(`${prefix}x`).includes(prefix);

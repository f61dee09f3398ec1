// A small RFC 4180 reader for ticket exports: a header row, quoted fields with "" escapes and
// line breaks inside quotes. Each record becomes an object keyed by the header.
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  const [header, ...records] = rows.filter((r) => r.some((f) => f.trim() !== ''));
  if (!header) return [];
  const names = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  return records.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? ''])));
}

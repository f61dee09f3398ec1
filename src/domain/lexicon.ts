// The fact patterns of intents/lexicon/slots.yaml: country lists plus named groups of regular
// expressions ("scope.one"), compiled once with the country lists filled in. Each language may add
// intents/lexicon/<code>/slots.yaml: its names of countries, more patterns for the same groups, and
// the words that are a yes, a no or a "not sure" on their own ("是", "没有").
import { z } from 'zod';
import { readYaml, DataFileError } from '../shared/yaml-file';

const patterns = z.array(z.string());
const fileSchema = z
  .object({
    restricted_countries: z.array(z.string()).min(1),
    supported_countries: z.array(z.string()).min(1),
    nationality_words: z.record(z.string(), z.array(z.string())),
  })
  .catchall(z.record(z.string(), patterns));

/** A language's additions (intents/lexicon/<code>/slots.yaml). */
const overlaySchema = z
  .object({
    /** Country (as the lists above name it) -> its names in this language. */
    countries: z.record(z.string(), z.array(z.string().min(1))).default({}),
    /** Whole replies that answer a yes/no question by themselves. */
    replies: z
      .object({ yes: patterns.default([]), no: patterns.default([]), unsure: patterns.default([]) })
      .partial()
      .default({}),
  })
  .catchall(z.record(z.string(), patterns));

export type YesNo = 'yes' | 'no' | 'unsure';

export interface Lexicon {
  file: string;
  restricted: string[];
  supported: string[];
  countryPattern: RegExp;
  /** A country's name in another language -> the name the lists use ("大陆" -> "mainland china"). */
  countryNames: Map<string, string>;
  /** Compiled patterns by "group.name", e.g. "scope.one". */
  patterns: Map<string, RegExp[]>;
  /** A whole reply (lower case, end punctuation removed) -> the yes/no it means. */
  replies: Map<string, YesNo>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const LIST_KEYS = new Set(['restricted_countries', 'supported_countries', 'nationality_words']);
const OVERLAY_KEYS = new Set(['countries', 'replies']);

/** Names written without spaces between words (Chinese) cannot use \\b; Latin names can. */
const latin = (name: string) => /^[\x00-\x7f]+$/.test(name);

export function loadLexicon(file: string, overlayFiles: string[] = []): Lexicon {
  const d = readYaml(file, fileSchema);
  const overlays = overlayFiles.map((f) => ({ file: f, data: readYaml(f, overlaySchema) }));
  const countryNames = new Map<string, string>();
  const replies = new Map<string, YesNo>();
  for (const { data } of overlays) {
    for (const [country, names] of Object.entries(data.countries)) for (const n of names) countryNames.set(n.toLowerCase(), country);
    for (const meaning of ['yes', 'no', 'unsure'] as const) for (const w of data.replies[meaning] ?? []) replies.set(w.toLowerCase(), meaning);
  }
  const namesOf = (list: string[]) => [...countryNames].filter(([, c]) => list.includes(c)).map(([n]) => n);
  const byLength = (list: string[]) =>
    [...new Set(list)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  const restrictedNationality = d.restricted_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const supportedNationality = d.supported_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const vars: Record<string, string> = {
    restricted: byLength([...d.restricted_countries, ...namesOf(d.restricted_countries)]),
    supported: byLength([...d.supported_countries, ...namesOf(d.supported_countries)]),
    countries: byLength([...d.restricted_countries, ...d.supported_countries, ...countryNames.keys()]),
    restricted_nationality: byLength(restrictedNationality.length ? restrictedNationality : ['chinese']),
    supported_nationality: byLength(supportedNationality.length ? supportedNationality : ['german']),
  };
  const compiled = new Map<string, RegExp[]>();
  const groups: [string, string, Record<string, unknown>][] = [
    [file, '', d],
    ...overlays.map((o) => [o.file, 'overlay', o.data] as [string, string, Record<string, unknown>]),
  ];
  for (const [source, kind, data] of groups) {
    for (const [group, entries] of Object.entries(data)) {
      if (LIST_KEYS.has(group) || (kind && OVERLAY_KEYS.has(group))) continue;
      for (const [name, list] of Object.entries(entries as Record<string, string[]>)) {
        const key = `${group}.${name}`;
        if (kind && !compiled.has(key)) throw new DataFileError(`${source}: entry ${key}: no such pattern group in ${file}`);
        compiled.set(key, [
          ...(compiled.get(key) ?? []),
          ...list.map((p, i) => {
            const source = p.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m);
            try {
              return new RegExp(source, 'i');
            } catch (err) {
              throw new DataFileError(`${source}: entry ${group}.${name}.${i}: bad pattern ${p}: ${(err as Error).message}`);
            }
          }),
        ]);
      }
    }
  }
  const otherNames = [...countryNames.keys()].filter((n) => !latin(n));
  const latinNames = [...d.restricted_countries, ...d.supported_countries, ...[...countryNames.keys()].filter(latin)];
  return {
    file,
    restricted: d.restricted_countries,
    supported: d.supported_countries,
    countryPattern: new RegExp(`\\b(?:${byLength(latinNames)})\\b${otherNames.length ? `|${byLength(otherNames)}` : ''}`, 'gi'),
    countryNames,
    patterns: compiled,
    replies,
  };
}

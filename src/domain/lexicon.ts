// The fact patterns of intents/lexicon/slots.yaml: country lists plus named groups of regular
// expressions ("scope.one"), compiled once with the country lists filled in.
import { z } from 'zod';
import { readYaml, DataFileError } from './yaml-file';

const patterns = z.array(z.string());
const fileSchema = z
  .object({
    restricted_countries: z.array(z.string()).min(1),
    supported_countries: z.array(z.string()).min(1),
    nationality_words: z.record(z.string(), z.array(z.string())),
  })
  .catchall(z.record(z.string(), patterns));

export interface Lexicon {
  file: string;
  restricted: string[];
  supported: string[];
  countryPattern: RegExp;
  /** Compiled patterns by "group.name", e.g. "scope.one". */
  patterns: Map<string, RegExp[]>;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const LIST_KEYS = new Set(['restricted_countries', 'supported_countries', 'nationality_words']);

export function loadLexicon(file: string): Lexicon {
  const d = readYaml(file, fileSchema);
  const byLength = (list: string[]) =>
    [...new Set(list)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
  const restrictedNationality = d.restricted_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const supportedNationality = d.supported_countries.flatMap((c) => d.nationality_words[c] ?? []);
  const vars: Record<string, string> = {
    restricted: byLength(d.restricted_countries),
    supported: byLength(d.supported_countries),
    countries: byLength([...d.restricted_countries, ...d.supported_countries]),
    restricted_nationality: byLength(restrictedNationality.length ? restrictedNationality : ['chinese']),
    supported_nationality: byLength(supportedNationality.length ? supportedNationality : ['german']),
  };
  const compiled = new Map<string, RegExp[]>();
  for (const [group, entries] of Object.entries(d)) {
    if (LIST_KEYS.has(group)) continue;
    for (const [name, list] of Object.entries(entries as Record<string, string[]>)) {
      compiled.set(
        `${group}.${name}`,
        list.map((p, i) => {
          const source = p.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m);
          try {
            return new RegExp(source, 'i');
          } catch (err) {
            throw new DataFileError(`${file}: entry ${group}.${name}.${i}: bad pattern ${p}: ${(err as Error).message}`);
          }
        }),
      );
    }
  }
  return {
    file,
    restricted: d.restricted_countries,
    supported: d.supported_countries,
    countryPattern: new RegExp(`\\b(?:${vars.countries})\\b`, 'gi'),
    patterns: compiled,
  };
}

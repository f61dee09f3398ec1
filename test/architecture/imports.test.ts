// The module graph of src/ and adapters/: no import cycles (type-only imports count: they couple
// modules all the same), adapters go through ConversationService only, and the engine reads no files.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/paths';

const ROOTS = ['src', 'adapters'].map((d) => join(PACKAGE_ROOT, d));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'public' ? [] : sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

/** Relative imports of a file, resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
    if (hit) out.push(hit);
  }
  return out;
}

function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

const files = ROOTS.flatMap(sources);
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const rel = (f: string) => relative(PACKAGE_ROOT, f);

describe('module graph', () => {
  it('finds a cycle when there is one (the check itself works)', () => {
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('has no import cycles in src/ and adapters/', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(findCycles(graph).map((c) => c.map(rel).join(' → '))).toEqual([]);
  });

  it('adapters never import the engine itself, only the service and shared types', () => {
    const engineFile = join(PACKAGE_ROOT, 'src', 'engine', 'engine.ts');
    const offenders = files.filter((f) => rel(f).startsWith('adapters') && graph.get(f)!.includes(engineFile)).map(rel);
    expect(offenders).toEqual([]);
    const reachingPast = files.filter((f) => rel(f).startsWith('adapters') && /\bservice\.engine\b/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(reachingPast).toEqual([]);
  });

  it('nlu/ and knowledge/ do not import the engine', () => {
    const offenders = files
      .filter((f) => /^src\/(nlu|knowledge)\//.test(rel(f)))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter((g) => rel(g).startsWith('src/engine/'))
          .map((g) => `${rel(f)} → ${rel(g)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the engine reads no file (the domain, lexicon and knowledge are passed in)', () => {
    const offenders = files.filter((f) => rel(f).startsWith('src/engine/') && /\bnode:fs\b|\breadFileSync\b/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(offenders).toEqual([]);
  });
});

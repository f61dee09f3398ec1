// The held-out sets must be independent of the training data: no shared line, no near-duplicate,
// and (for the real-style set) no public post that fed both sides.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/nlu/corpus';
import { loadLexicon } from '../../src/nlu/lexicon';
import { createNormalizer } from '../../src/nlu/normalize';
import { findOverlaps, NEAR_DUPLICATE } from '../../src/nlu/overlap';
import { loadRealStyle, REAL_STYLE_DEV_FILE } from '../../src/nlu/real-style';
import { FIXTURES_DIR } from '../../src/paths';

const training = loadCorpus().flatMap((c) => c.utterances);
const normalizer = createNormalizer(loadLexicon().rewrites);

interface Source {
  url: string;
  role: string;
}

function sources(): Source[] {
  const [header, ...rows] = readFileSync(join(FIXTURES_DIR, 'nlu', 'sources.tsv'), 'utf8')
    .trim()
    .split('\n');
  const columns = header!.split('\t');
  expect(columns).toEqual(['url', 'exchange', 'api_error', 'words', 'language', 'intents', 'role']);
  return rows.map((row) => {
    const cells = row.split('\t');
    expect(cells.length, row).toBe(columns.length);
    return { url: cells[0]!, role: cells[6]! };
  });
}

/** The partition rule of fixtures/nlu/LABELLING.md: the first hex digit of the URL's MD5. */
const sideOf = (url: string) => (parseInt(createHash('md5').update(url).digest('hex')[0]!, 16) <= 5 ? 'heldout' : 'training');

describe('held-out independence', () => {
  it('the real-style set shares no line and no near-duplicate with the training corpus', () => {
    const overlaps = findOverlaps(
      loadRealStyle().map((e) => e.text),
      training,
      normalizer,
    );
    expect(overlaps, `token Jaccard >= ${NEAR_DUPLICATE}`).toEqual([]);
  });

  it('finds a planted near-duplicate, so the check above can fail', () => {
    const planted = `${training.find((t) => t.split(' ').length > 8)!} !!`;
    expect(findOverlaps([planted], training, normalizer).length).toBeGreaterThan(0);
  });

  it('no studied post fed both the held-out writer and the training writers', () => {
    const rows = sources();
    expect(new Set(rows.map((r) => r.url)).size).toBeGreaterThanOrEqual(200);
    for (const r of rows) {
      expect(['heldout', 'training']).toContain(r.role);
      expect(sideOf(r.url), r.url).toBe(r.role);
    }
    const heldoutPosts = new Set(rows.filter((r) => r.role === 'heldout').map((r) => r.url));
    for (const e of loadRealStyle()) expect(heldoutPosts.has(e.modelled_on), e.modelled_on).toBe(true);
  });
});

describe('the development set', () => {
  it('comes from training-side posts only, so tuning on it never sees a held-out post', () => {
    const dev = loadRealStyle(REAL_STYLE_DEV_FILE);
    expect(dev.length).toBeGreaterThanOrEqual(300);
    for (const e of dev) expect(sideOf(e.modelled_on), e.modelled_on).toBe('training');
    expect(
      findOverlaps(
        dev.map((e) => e.text),
        loadRealStyle().map((e) => e.text),
        normalizer,
      ),
    ).toEqual([]);
  });
});

// The held-out sets must be independent of the training data: no shared line, no near-duplicate,
// and (for the real-style set) no public post that fed both sides.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/nlu/corpus';
import { loadLexicon } from '../../src/nlu/lexicon';
import { createNormalizer } from '../../src/nlu/normalize';
import { normalizerFor } from '../../src/nlu/language-normalizer';
import { findOverlaps, NEAR_DUPLICATE } from '../../src/nlu/overlap';
import {
  loadRealStyle,
  REAL_STYLE_FILE,
  REAL_STYLE_DEV_FILE,
  REAL_STYLE_DEV2_FILE,
  REAL_STYLE_DEV3_FILE,
  REAL_STYLE_DEV4_FILE,
  REAL_STYLE_ZH_DEV_FILE,
  REAL_STYLE_ZH_FILE,
} from '../../src/nlu/real-style';
import { languageDir } from '../../src/language/languages';
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

describe('sources.tsv', () => {
  it('records the post every line of every real-style set is modelled on', () => {
    const recorded = new Set(sources().map((r) => r.url));
    const sets = [
      ...[REAL_STYLE_FILE, REAL_STYLE_DEV_FILE, REAL_STYLE_DEV2_FILE, REAL_STYLE_DEV3_FILE, REAL_STYLE_DEV4_FILE].map((f) => loadRealStyle(f)),
      ...[REAL_STYLE_ZH_FILE, REAL_STYLE_ZH_DEV_FILE].map((f) => loadRealStyle(f, 'zh')),
    ];
    const missing = [...new Set(sets.flat().map((e) => e.modelled_on))].filter((url) => !recorded.has(url));
    expect(missing).toEqual([]);
  });
});

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
      expect(['heldout', 'training', 'dev']).toContain(r.role);
      // A development-set post is a training-side post that no training writer studied.
      expect(sideOf(r.url), r.url).toBe(r.role === 'dev' ? 'training' : r.role);
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

// The development sets written by writers who saw nothing else, each after the ones before it:
// its posts are its own (dev role, training side, none of an earlier fresh set's), and its lines
// are new to every earlier set. (The first development set's writer left two of its posts out of
// sources.tsv, and the second set's writer studied them again; its lines are still its own.)
const FRESH_DEV_SETS = [
  { name: 'the second development set', file: REAL_STYLE_DEV2_FILE, earlier: [REAL_STYLE_DEV_FILE], earlierFresh: [] },
  {
    name: 'the third development set',
    file: REAL_STYLE_DEV3_FILE,
    earlier: [REAL_STYLE_DEV_FILE, REAL_STYLE_DEV2_FILE],
    earlierFresh: [REAL_STYLE_DEV2_FILE],
  },
  {
    name: 'the fourth development set',
    file: REAL_STYLE_DEV4_FILE,
    earlier: [REAL_STYLE_DEV_FILE, REAL_STYLE_DEV2_FILE, REAL_STYLE_DEV3_FILE],
    earlierFresh: [REAL_STYLE_DEV2_FILE, REAL_STYLE_DEV3_FILE],
  },
];

for (const set of FRESH_DEV_SETS) {
  describe(set.name, () => {
    const lines = loadRealStyle(set.file);
    const earlier = set.earlier.flatMap((f) => loadRealStyle(f));

    it('comes from posts that only its writer studied, on the training side of the partition', () => {
      expect(lines.length).toBeGreaterThanOrEqual(300);
      const roleOf = new Map(sources().map((r) => [r.url, r.role]));
      const earlierPosts = new Set(set.earlierFresh.flatMap((f) => loadRealStyle(f)).map((e) => e.modelled_on));
      for (const e of lines) {
        expect(sideOf(e.modelled_on), e.modelled_on).toBe('training');
        expect(roleOf.get(e.modelled_on), e.modelled_on).toBe('dev');
        expect(earlierPosts.has(e.modelled_on), e.modelled_on).toBe(false);
      }
    });

    it('shares no line and no near-duplicate with the corpus, the held-out set or the earlier development sets', () => {
      const others = [...training, ...loadRealStyle().map((e) => e.text), ...earlier.map((e) => e.text)];
      expect(
        findOverlaps(
          lines.map((e) => e.text),
          others,
          normalizer,
        ),
        `token Jaccard >= ${NEAR_DUPLICATE}`,
      ).toEqual([]);
    });
  });
}

describe('the Chinese sets', () => {
  // Chinese is compared in Chinese words (the Chinese normaliser), not characters.
  const zhTraining = loadCorpus(languageDir('nlu', 'zh')).flatMap((c) => c.utterances);
  const zhNormalizer = normalizerFor(loadLexicon(undefined, 'zh'));
  const zhDev = loadRealStyle(REAL_STYLE_ZH_DEV_FILE, 'zh');
  const zhHeldout = loadRealStyle(REAL_STYLE_ZH_FILE, 'zh');

  it('neither the development set nor the held-out set shares a line or a near-duplicate with intents/nlu/zh/', () => {
    for (const set of [zhDev, zhHeldout]) {
      const overlaps = findOverlaps(
        set.map((e) => e.text),
        zhTraining,
        zhNormalizer,
      );
      expect(overlaps, `token Jaccard >= ${NEAR_DUPLICATE}`).toEqual([]);
    }
  });

  it('finds a planted Chinese near-duplicate, so the check above can fail', () => {
    const planted = `${zhTraining.find((t) => t.length > 30)!}！！`;
    expect(findOverlaps([planted], zhTraining, zhNormalizer).length).toBeGreaterThan(0);
  });

  it('the development set comes from training-side posts and the held-out set from held-out posts, and they share nothing', () => {
    expect(zhDev.length).toBeGreaterThanOrEqual(200);
    const rows = sources();
    const studied = (role: string) => new Set(rows.filter((r) => r.role === role).map((r) => r.url));
    const devPosts = studied('dev');
    const trainingPosts = studied('training');
    const heldoutPosts = studied('heldout');
    for (const e of zhDev) {
      expect(sideOf(e.modelled_on), e.modelled_on).toBe('training');
      expect(devPosts.has(e.modelled_on), e.modelled_on).toBe(true);
      // ...and no training writer studied the same post.
      expect(trainingPosts.has(e.modelled_on), e.modelled_on).toBe(false);
    }
    for (const e of zhHeldout) {
      expect(sideOf(e.modelled_on), e.modelled_on).toBe('heldout');
      expect(heldoutPosts.has(e.modelled_on), e.modelled_on).toBe(true);
    }
    expect(
      findOverlaps(
        zhDev.map((e) => e.text),
        zhHeldout.map((e) => e.text),
        zhNormalizer,
      ),
    ).toEqual([]);
  });
});

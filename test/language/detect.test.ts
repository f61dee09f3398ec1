// The language detector: measured on both real-style held-out sets, short replies and
// fixtures/nlu/languages.jsonl (other languages).
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/language/detect';
import { loadRealStyle, REAL_STYLE_ZH_FILE } from '../../src/nlu/real-style';
import { loadHeldout } from '../../src/nlu/evaluate';
import { readJsonlFile } from '../../src/nlu/jsonl-file';
import { join } from 'node:path';
import { z } from 'zod';
import { FIXTURES_DIR } from '../../src/paths';

const share = (texts: string[], code: string) => texts.filter((t) => detectLanguage(t).language === code).length / texts.length;

describe('language detector', () => {
  it('reads both real-style held-out sets as their language', () => {
    expect(
      share(
        loadRealStyle().map((e) => e.text),
        'en',
      ),
    ).toBeGreaterThanOrEqual(0.99);
    expect(
      share(
        loadRealStyle(REAL_STYLE_ZH_FILE, 'zh').map((e) => e.text),
        'zh',
      ),
    ).toBe(1);
  });

  it('reads short English replies as English', () => {
    const short = loadHeldout()
      .filter((e) => e.text.split(/\s+/).length <= 3)
      .map((e) => e.text);
    expect(short.length).toBeGreaterThan(50);
    expect(share(short, 'en')).toBeGreaterThanOrEqual(0.98);
  });

  it('tells other languages apart (fixtures/nlu/languages.jsonl)', () => {
    const lines = readJsonlFile(join(FIXTURES_DIR, 'nlu', 'languages.jsonl'), z.object({ text: z.string(), language: z.string() }));
    const right = lines.filter((l) => detectLanguage(l.text).language === l.language).length;
    expect(right / lines.length).toBeGreaterThanOrEqual(0.9);
  });

  it('counts a mixed message with Chinese characters as Chinese', () => {
    expect(detectLanguage('币安 KYC 显示 region not supported')).toMatchObject({ language: 'zh', clear: true });
    expect(detectLanguage('ok').language).toBe('en');
    expect(detectLanguage('🙏🙏').language).toBe('und');
    expect(detectLanguage('мой аккаунт заблокирован по региону')).toMatchObject({ language: 'ru', clear: true });
  });
});

// Which language a message is written in. Measured on both real-style held-out sets, short replies
// and fixtures/nlu/languages.jsonl (see README "Languages"): a script rule decides Chinese, Japanese
// and Korean, short or English-looking Latin text is English, and tinyld decides the rest.
//   - Han characters (and no kana or hangul) make a message Chinese, even when most of its letters
//     are Latin: "币安 KYC 显示 region not supported" is Chinese.
//   - Latin-only text of fewer than four words, or with at least 15% English function words, is
//     English: libraries guess wildly on "ok", "not sure" or a log line with a few English words.
import { detectAll } from 'tinyld';

export interface Detection {
  /** ISO 639-1 code, or 'und' when nothing can be told. */
  language: string;
  /** How it was decided: the script, the English rule, the library, or nothing to go on. */
  by: 'script' | 'english' | 'library' | 'none';
  /** True when the message is clearly in that language (a switch of conversation language needs this). */
  clear: boolean;
}

const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/u;
const NON_LATIN_LETTER = /(?![a-zA-Z\u00c0-\u024f])\p{L}/u;
const ENGLISH_WORDS = new Set(
  'the a an i my me is are was it to of in on and or not yes what how why can do does did you your this that for with from but be have has so just now when still please help account'.split(
    ' ',
  ),
);
/** tinyld's score from which its guess is clear (real sentences score 0.8-1, noise under 0.1). */
const LIBRARY_SURE = 0.5;
/** Words of Latin text, lower case, for the English rule. */
const LATIN_WORDS = /[a-z\u00c0-\u024f']+/g;

export function detectLanguage(input: string): Detection {
  const text = input.slice(0, 2000).replace(/\(ツ\)/g, '');
  if (!LETTER.test(text)) return { language: 'und', by: 'none', clear: false };
  if (KANA.test(text)) return { language: 'ja', by: 'script', clear: true };
  if (HANGUL.test(text)) return { language: 'ko', by: 'script', clear: true };
  const han = text.match(HAN)?.length ?? 0;
  if (han > 0) return { language: 'zh', by: 'script', clear: han >= 2 };
  if (!NON_LATIN_LETTER.test(text)) {
    const words = text.toLowerCase().match(LATIN_WORDS) ?? [];
    const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
    if (words.length < 4) return { language: 'en', by: 'english', clear: english > 0 && words.length >= 2 };
    if (english / words.length >= 0.15) return { language: 'en', by: 'english', clear: true };
  }
  const guess = detectAll(text)[0];
  if (!guess) return { language: 'und', by: 'none', clear: false };
  const words = text.split(/\s+/).filter(Boolean).length;
  // tinyld always names a language; on keyboard noise ("blorp flim flam") its score is tiny.
  const sure = guess.accuracy >= LIBRARY_SURE;
  return { language: guess.lang, by: 'library', clear: sure && (words >= 3 || NON_LATIN_LETTER.test(text)) };
}

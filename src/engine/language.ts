// The language of a conversation: detected per message (src/language/detect.ts), sticky unless the
// user clearly switches. A clear message in a language the bot does not serve is answered with that
// language's line of intents/languages.yaml, and the conversation keeps its language. Pasted machine
// output (an English API error in a Chinese conversation) is not a switch: it is not the user's language.
import type { Detection } from '../language/detect';

export interface LanguageChoice {
  /** The language the bot reads this message with and replies in. */
  language: string;
  /** The detected language when the bot does not serve it and the message is clearly in it. */
  unsupported: string | null;
}

/**
 * `previous` is the conversation's language so far (undefined for a new conversation); `served`
 * the LANGUAGES setting, the first being the default; `picked` is true for a clicked option,
 * whose label is always in the conversation's language; `pasted` for a message that looks like pasted
 * machine output.
 */
export function chooseLanguage(previous: string | undefined, d: Detection, served: readonly string[], picked = false, pasted = false): LanguageChoice {
  const fallback = previous && served.includes(previous) ? previous : served[0]!;
  if (picked || (pasted && previous && served.includes(previous))) return { language: fallback, unsupported: null };
  // A script cannot be mistaken (one Han character is Chinese); a guess from a few Latin words can.
  const sure = d.clear || d.by === 'script';
  if (served.includes(d.language)) return { language: previous && previous !== d.language && !sure ? fallback : d.language, unsupported: null };
  // "ok", a log line or an emoji: nothing to switch on. A clear other language is said so.
  if (d.language === 'und' || d.by === 'english' || !sure) return { language: fallback, unsupported: null };
  return { language: fallback, unsupported: d.language };
}

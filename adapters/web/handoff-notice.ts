// What the web chat says when the engine hands a conversation to a person: the web chat has no agent
// desk, so the user gets the way to support and a summary to paste there (texts in messages.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ExchangeConfig } from '../../src/config';
import type { HandoffSummary } from '../../src/engine/types';
import { format } from '../../src/knowledge/load';
import { PACKAGE_ROOT } from '../../src/paths';
import { neutraliseUserText } from '../../src/engine/safety/markup';

/** The page around the conversation (placeholder, chips, hint, headings), sent to the browser. */
const pageSchema = z.object({
  title: z.string().min(1),
  subtitle: z.string().min(1),
  placeholder: z.string().min(1),
  hint: z.string().min(1),
  intro: z.string().min(1),
  starters: z.array(z.string().min(1)).min(1).max(6),
  input_label: z.string().min(1),
  send_label: z.string().min(1),
  log_label: z.string().min(1),
  suggestions_label: z.string().min(1),
  options_label: z.string().min(1),
  connecting: z.string().min(1),
  online: z.string().min(1),
  reconnecting: z.string().min(1),
  offline: z.string().min(1),
});
export type PageStrings = z.infer<typeof pageSchema>;

const messagesSchema = z.object({
  page: pageSchema,
  handoff_unavailable: z.string().min(1),
  summary_heading: z.string().min(1),
  summary_cause: z.string().includes('{cause}'),
  summary_no_cause: z.string().min(1),
  summary_facts: z.string().min(1),
  summary_words: z.string().min(1),
});
export type WebMessages = z.infer<typeof messagesSchema>;
/** Language code -> its texts; English is required (the fallback for a language without a block). */
export type WebMessagesByLanguage = Record<string, WebMessages> & { en: WebMessages };

export const WEB_MESSAGES_FILE = join(PACKAGE_ROOT, 'adapters', 'web', 'messages.yaml');

const fileSchema = z
  .record(z.string().regex(/^[a-z]{2,3}$/, 'must be a language code'), messagesSchema)
  .refine((m) => 'en' in m, { message: 'needs an "en" block' });

export function loadWebMessages(file = WEB_MESSAGES_FILE): WebMessagesByLanguage {
  const parsed = fileSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data as WebMessagesByLanguage;
}

/** A language's web texts (English for a language the file has no block for). */
export function webMessagesFor(all: WebMessagesByLanguage, language: string): WebMessages {
  return all[language] ?? all.en;
}

/** Every language's page strings with {exchange} filled, for the browser. */
export function pageStrings(all: WebMessagesByLanguage, exchange: ExchangeConfig, languages: readonly string[]): Record<string, PageStrings> {
  const out: Record<string, PageStrings> = {};
  for (const code of languages) {
    const p = webMessagesFor(all, code).page;
    out[code] = { ...p, title: format(p.title, { exchange: exchange.name }), intro: format(p.intro, { exchange: exchange.name }) };
  }
  return out;
}

/** How many of the user's last messages the summary quotes. */
const QUOTED_MESSAGES = 5;

export function handoffNotice(messages: WebMessages, exchange: ExchangeConfig, summary: HandoffSummary, causeTitle: string | null): string {
  const vars = { exchange: exchange.name, support_url: exchange.supportUrl };
  const lines = [format(messages.handoff_unavailable, vars).trim(), '', messages.summary_heading];
  lines.push(causeTitle ? format(messages.summary_cause, { cause: causeTitle }) : messages.summary_no_cause);
  if (summary.facts.length > 0) {
    lines.push('', messages.summary_facts, ...summary.facts.map((f) => `- ${f}`));
  }
  const words = summary.userWords.slice(-QUOTED_MESSAGES).filter((w) => w.trim() !== '');
  if (words.length > 0) {
    // Plain bullets: the user's words must not turn into formatting or links.
    lines.push('', messages.summary_words, ...words.map((w) => `- ${plain(w)}`));
  }
  return lines.join('\n');
}

/** Quoted text shows as typed, never as markup or a link (nested links included). */
function plain(text: string): string {
  return neutraliseUserText(text.replace(/\s+/g, ' '));
}

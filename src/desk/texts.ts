// The desk's texts (intents/knowledge/desk.yaml, and <code>/desk.yaml per language): user lines and
// card headings, checked at start-up. Users read them in their conversation's language, agents in AGENT_LANGUAGE.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENTS_DIR } from '../paths';
import { format } from '../knowledge/load';
import { languageDir } from '../language/languages';
import { readYaml } from '../shared/yaml-file';

const text = z.string().min(1);
const schema = z.object({
  queue_next: text,
  queue_position: text.includes('{position}'),
  median_claim: text.includes('{duration}'),
  outside_hours: text.includes('{hours}'),
  timed_out: text.includes('{duration}'),
  summary_heading: text,
  summary_cause: text.includes('{cause}'),
  summary_no_cause: text,
  summary_facts: text,
  summary_words: text,
  agent_label: text.includes('{agent}'),
  duration_seconds: text,
  duration_minutes: text.includes('{minutes}'),
  card_title: text,
  card_channel: text,
  card_user: text,
  card_user_unknown: text,
  card_reason: text,
  card_cause: text,
  card_no_cause: text,
  card_evidence: text,
  card_missing: text,
  card_transcript: text,
  card_facts: text,
  card_secret_shared: text,
  card_how_to: text,
  card_waiting: text.includes('{since}'),
  card_claimed: text.includes('{agent}'),
  card_released: text.includes('{agent}'),
  card_resolved: text.includes('{agent}'),
  card_timed_out: text.includes('{duration}'),
  card_outside_hours: text.includes('{hours}'),
  button_claim: text,
  button_release: text,
  button_resolve: text,
  macro_menu: text,
  macro_sent: text.includes('{cause}'),
  not_holder: text.includes('{holder}'),
  already_claimed: text.includes('{holder}'),
  no_longer_open: text,
  reasons: z.object({ user_request: text, repeated_misunderstanding: text, account_frozen: text, agent_triage: text }),
  channels: z.object({ web: text, api: text, slack: text, discord: text, cli: text }),
  status_heading: text.includes('{count}'),
  status_none: text,
  status_waiting: text.includes('{duration}'),
  status_claimed: text.includes('{agent}'),
  no_desk: text,
  // The triage card (`/regionlock triage`, the "Triage ticket" shortcut), with or without a desk.
  cause_labels: z.object({ ip_geo: text, kyc_region: text, policy_change: text, risk_control: text, ip_misidentified: text, account_frozen: text }),
  triage: z.object({
    title: text,
    causes: text,
    no_cause: text,
    evidence: text,
    missing: text,
    suggested: text,
    processing_time: text,
    unknown_time: text,
    ticket: text,
    original: text,
    headline: text.includes('{cause}'),
    headline_none: text,
    notification: text.includes('{cause}'),
    notification_none: text,
    no_text: text,
    warnings: z.object({ secret: text, frozen: text, handoff: text, angry: text }),
  }),
});
export type DeskTexts = z.infer<typeof schema>;

export const DESK_TEXTS_FILE = join(INTENTS_DIR, 'knowledge', 'desk.yaml');

const byLanguage = new Map<string, DeskTexts>();

/** The desk's texts in a language: intents/knowledge/<code>/desk.yaml, or English where a language has none yet. Read once. */
export function deskTextsFor(language: string): DeskTexts {
  let t = byLanguage.get(language);
  if (!t) {
    const file = join(languageDir('knowledge', language), 'desk.yaml');
    t = loadDeskTexts(existsSync(file) ? file : DESK_TEXTS_FILE);
    byLanguage.set(language, t);
  }
  return t;
}

export function loadDeskTexts(file = DESK_TEXTS_FILE): DeskTexts {
  return readYaml(file, schema);
}

/** "less than a minute" / "about 4 min". */
export function formatDuration(t: DeskTexts, ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 1 ? t.duration_seconds : format(t.duration_minutes, { minutes: String(minutes) });
}

export { format };

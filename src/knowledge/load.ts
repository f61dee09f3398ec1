// Loads the answer content (intents/knowledge/*.yaml), validates it with zod and fills in the
// exchange's name and links from settings. Errors name the file, the entry and the problem.
import { join } from 'node:path';
import { z } from 'zod';
import type { ExchangeConfig } from '../config';
import { CAUSES, type Cause } from '../shared/types';
import { INTENTS_DIR } from '../paths';
import { readYaml } from '../shared/yaml-file';

// {agent}, {title} and {percent} are filled per message (format()), the links from settings, and
// {official_links}, {support_link}, {announcement_link} with the shared blocks of shared.yaml.
const PLACEHOLDERS = [
  'exchange',
  'website_url',
  'app_url',
  'announcements_url',
  'support_url',
  'agent',
  'title',
  'percent',
  'official_links',
  'support_link',
  'announcement_link',
  'other',
  'count',
] as const;

const text = z
  .string()
  .min(1, 'must not be empty')
  .refine((s) => [...s.matchAll(/\{([a-z_]+)\}/g)].every((m) => (PLACEHOLDERS as readonly string[]).includes(m[1]!)), {
    message: `uses an unknown {placeholder}; allowed: ${PLACEHOLDERS.join(', ')}`,
  });

/** `variants`: other wordings for the cases domain.yaml `faq_variants` names (an API user asking about a VPN); the follow-ups stay the answer's own. */
const answerSchema = z.object({
  answer: text,
  short: text.optional(),
  followups: z.array(z.string().min(1)).max(4).optional(),
  variants: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.object({ answer: text, short: text.optional() }).strict()).default({}),
});

const ANSWER_KEYS = [
  'greeting',
  'thanks_goodbye',
  'about_bot',
  'report_lock',
  'ask_meaning',
  'ask_asset_safety',
  'ask_withdraw',
  'ask_allowed_actions',
  'ask_vpn',
  'ask_subaccounts',
  'ask_reregister',
  'ask_frozen_difference',
  'ask_support_time',
  'ask_reactivation',
  'ask_prevention',
  'ask_close_account',
  'ask_update_kyc',
  'ask_login',
  'request_human',
  'out_of_scope',
  'not_understood',
  'symptom_table',
  'causes_overview',
  'chinese_or_other_language',
  'empty_message',
  'rate_limited',
  'too_long',
  'busy',
  'shutting_down',
  'cannot_save',
  'secret_warning',
  'handoff_started',
  'agent_joined',
  'agent_released',
  'agent_resolved',
  'restart',
  'expired',
  'other_exchange',
  'quick_test',
  'cannot_tell',
  'handoff_no_agent',
] as const;
export type AnswerKey = (typeof ANSWER_KEYS)[number];

const answersSchema = z.object(Object.fromEntries(ANSWER_KEYS.map((k) => [k, answerSchema])) as Record<AnswerKey, typeof answerSchema>);

const headlineSchema = z.object({ headline: text, first_step: text });
const causeSchema = z.object({
  title: z.string().min(1),
  headline: text,
  first_step: text,
  variants: z.record(z.string(), headlineSchema).default({}),
  macro: text,
  explanation: text,
  resolution: z.array(text).min(1),
  processing_time: text,
  reactivation: text,
  evidence_hint: text,
});
const causesSchema = z.object(Object.fromEntries(CAUSES.map((c) => [c, causeSchema])) as Record<Cause, typeof causeSchema>);

const sharedSchema = z.object({
  still_works: z.array(text).min(1),
  blocked: z.array(text).min(1),
  asset_safety: text,
  announcement_link: text,
  support_link: text,
  official_links: text,
});

const questionSchema = z.object({
  prompt: text,
  options: z
    .array(z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*:[a-z0-9_]+$/), label: z.string().min(1), synonyms: z.array(z.string()).default([]) }))
    .min(2),
});
// One entry per question of intents/dialogue/domain.yaml (checked against it when the engine is built).
const questionsSchema = z.record(z.string(), questionSchema);

const uiSchema = z.record(z.string(), text);

export type Answer = z.infer<typeof answerSchema>;
export type CauseInfo = z.infer<typeof causeSchema>;
export type SharedBlocks = z.infer<typeof sharedSchema>;
export type Question = z.infer<typeof questionSchema>;

export interface Knowledge {
  exchange: ExchangeConfig;
  answers: Record<AnswerKey, Answer>;
  causes: Record<Cause, CauseInfo>;
  shared: SharedBlocks;
  questions: z.infer<typeof questionsSchema>;
  /** Short labels and sentences used to build replies (intents/knowledge/ui.yaml). */
  ui: Record<string, string>;
}

/** Replaces {exchange}, {support_url}, ... everywhere in a loaded structure. */
function fill<T>(value: T, vars: Record<string, string>): T {
  if (typeof value === 'string') return value.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m) as T;
  if (Array.isArray(value)) return value.map((v) => fill(v, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)])) as T;
  }
  return value;
}

export const DEFAULT_EXCHANGE: ExchangeConfig = {
  name: 'Binance',
  websiteUrl: 'https://www.binance.com',
  appUrl: 'https://www.binance.com/en/download',
  announcementsUrl: 'https://www.binance.com/en/support/announcement',
  supportUrl: 'https://www.binance.com/en/support',
};

export function loadKnowledge(exchange: ExchangeConfig = DEFAULT_EXCHANGE, dir = join(INTENTS_DIR, 'knowledge')): Knowledge {
  const vars = {
    exchange: exchange.name,
    website_url: exchange.websiteUrl,
    app_url: exchange.appUrl,
    announcements_url: exchange.announcementsUrl,
    support_url: exchange.supportUrl,
  };
  const shared = fill(readYaml(join(dir, 'shared.yaml'), sharedSchema), vars);
  // Answers and causes may include a shared block instead of repeating its text.
  const withBlocks = {
    ...vars,
    official_links: shared.official_links.trim(),
    support_link: shared.support_link.trim(),
    announcement_link: shared.announcement_link.trim(),
  };
  return {
    exchange,
    answers: fill(readYaml(join(dir, 'answers.yaml'), answersSchema), withBlocks),
    causes: fill(readYaml(join(dir, 'causes.yaml'), causesSchema), withBlocks),
    shared,
    questions: fill(readYaml(join(dir, 'questions.yaml'), questionsSchema), vars),
    ui: fill(readYaml(join(dir, 'ui.yaml'), uiSchema), vars),
  };
}

/** Fills per-message placeholders such as {agent}. */
export function format(template: string, vars: Record<string, string> = {}): string {
  return template.replace(/\{([a-z_]+)\}/g, (m, k: string) => vars[k] ?? m);
}

// Every setting of the bot, in one zod schema. Values come from the environment;
// a wrong value stops start-up with a message naming the variable.
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseSupportHours, SUPPORT_HOURS_HELP, type SupportHours } from './desk/support-hours';
import { DEFAULT_LANGUAGE, loadLanguageTable } from './language/languages';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** http(s) only: a javascript: or file: URL in a link the bot sends would be a hole. */
const httpUrl = (message = 'must be an http(s) URL such as https://example.com') =>
  z.string().refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, message);
const optionalUrl = z.preprocess(emptyToUndefined, httpUrl().optional());
/** Decimal digits only: Number('0x50') is 80, which would bind a port nobody asked for. */
const decimal = (message: string) =>
  z.preprocess((v) => (typeof v === 'string' && !/^\s*\d+\s*$/.test(v) ? NaN : v), z.coerce.number({ message }).int(message));
const int = (def: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, decimal('must be a whole number').pipe(z.number().min(min).max(max)).default(def));
const HOSTNAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const isHost = (v: string) => isIP(v) !== 0 || HOSTNAME.test(v);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopbackHost = (host: string) => LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
const bool = (def: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).default(def ? 'true' : 'false'))
    .transform((v) => ['true', '1', 'yes'].includes(v));
/** CSP frame-ancestors sources: 'none', 'self', or http(s) origins. */
/** The languages intents/languages.yaml describes (read once, when settings are first validated). */
let knownLanguages: string[] | undefined;
const languageCodes = () => (knownLanguages ??= [...loadLanguageTable().languages.keys()]);
const languageList = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v : languageCodes().join(',')),
  z
    .string()
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .superRefine((codes, ctx) => {
      const unknown = codes.filter((c) => !languageCodes().includes(c));
      if (unknown.length)
        ctx.addIssue({ code: 'custom', message: `names ${unknown.join(', ')}, not in intents/languages.yaml (known: ${languageCodes().join(', ')})` });
      else if (codes.length === 0) ctx.addIssue({ code: 'custom', message: 'must name at least one language' });
    }),
);
const language = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => languageCodes().includes(v), { message: 'must be a language of intents/languages.yaml' })
    .default(DEFAULT_LANGUAGE),
);
const FRAME_SOURCE = /^(?:'none'|'self'|https?:\/\/(?:\*\.)?[A-Za-z0-9.-]+(?::\d+)?)$/;

export const configSchema = z
  .object({
    PORT: int(3000, 0, 65535),
    HOST: z.preprocess(
      emptyToUndefined,
      z.string().refine(isHost, 'must be an IP address or a host name such as 127.0.0.1, 0.0.0.0 or ::').default('127.0.0.1'),
    ),
    DATA_DIR: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .min(1)
        .refine((v) => {
          try {
            return statSync(v).isDirectory();
          } catch {
            return true; // created at start-up
          }
        }, 'must be a directory, not a file')
        .default('./data'),
    ),
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => {
          try {
            return ['redis:', 'rediss:'].includes(new URL(v).protocol);
          } catch {
            return false;
          }
        }, 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0')
        .optional(),
    ),
    PUBLIC_URL: optionalUrl,
    ALLOWED_HOSTS: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((h) => h.trim())
            .filter(Boolean),
        )
        .refine((hs) => hs.every(isHost), 'must be a comma-separated list of host names'),
    ),
    TRUST_PROXY: bool(false),
    WEB_API_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    FRAME_ANCESTORS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => v.split(/\s+/).every((s) => FRAME_SOURCE.test(s)), "must be 'none', 'self' or space-separated http(s) origins")
        .default("'none'"),
    ),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
    LOG_FORMAT: z.preprocess(emptyToUndefined, z.enum(['auto', 'json', 'pretty']).default('auto')),

    EXCHANGE_NAME: z.preprocess(emptyToUndefined, z.string().min(1).max(60).default('Binance')),
    EXCHANGE_WEBSITE_URL: z.preprocess(emptyToUndefined, httpUrl().default('https://www.binance.com')),
    EXCHANGE_APP_URL: z.preprocess(emptyToUndefined, httpUrl().default('https://www.binance.com/en/download')),
    EXCHANGE_ANNOUNCEMENTS_URL: z.preprocess(emptyToUndefined, httpUrl().default('https://www.binance.com/en/support/announcement')),
    EXCHANGE_SUPPORT_URL: z.preprocess(emptyToUndefined, httpUrl().default('https://www.binance.com/en/support')),

    SESSION_IDLE_MINUTES: int(30, 1, 60 * 24 * 30),
    MAX_MESSAGE_CHARS: int(4000, 100, 1_000_000),
    RATE_LIMIT_PER_MINUTE: int(30, 1, 10_000),
    MAX_CONVERSATIONS: int(50_000, 10, 10_000_000),
    MAX_STORE_MB: int(512, 1, 1_000_000),
    NEW_CONVERSATIONS_PER_MINUTE: int(20, 1, 100_000),
    HANDOFF_AFTER_MISUNDERSTANDINGS: int(3, 1, 20),
    LANGUAGES: languageList,
    AGENT_LANGUAGE: language,

    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_AGENT_CHANNEL: optionalString,
    SLACK_API_URL: optionalUrl,

    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d{5,25}$/, 'must be a numeric snowflake id')
        .optional(),
    ),
    DISCORD_AGENT_CHANNEL_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d{5,25}$/, 'must be a numeric snowflake id')
        .optional(),
    ),
    DISCORD_API_URL: optionalUrl,

    HANDOFF_DESK: z.preprocess(emptyToUndefined, z.enum(['slack', 'discord'], { message: 'must be slack or discord' }).optional()),
    // Minutes; decimals allowed (0.5 = 30 s) so that a test or a demo can watch a timeout happen.
    HANDOFF_TIMEOUT_MINUTES: z.preprocess(
      emptyToUndefined,
      z
        .preprocess(
          (v) => (typeof v === 'string' && !/^\s*\d+(?:\.\d+)?\s*$/.test(v) ? NaN : v),
          z.coerce
            .number({ message: 'must be a number of minutes such as 15 or 0.5' })
            .min(0.01)
            .max(7 * 24 * 60),
        )
        .default(15),
    ),
    SUPPORT_HOURS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine((v) => parseSupportHours(v) !== null, `must look like "Mon-Fri 09:00-18:00 Europe/Berlin; Sat 10:00-14:00 UTC" (${SUPPORT_HOURS_HELP})`)
        .optional(),
    ),
  })
  .superRefine((c, ctx) => {
    // A bot reachable from other machines must not let anyone drive /api/messages for any user id.
    if (!c.LANGUAGES.includes(c.AGENT_LANGUAGE)) {
      ctx.addIssue({ code: 'custom', path: ['AGENT_LANGUAGE'], message: `must be one of LANGUAGES (${c.LANGUAGES.join(',')})` });
    }
    if (!isLoopbackHost(c.HOST) && !c.WEB_API_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_API_TOKEN'],
        message: `is required when HOST is not loopback (HOST=${c.HOST}); /api/messages then needs "Authorization: Bearer <token>"`,
      });
    }
    const slackKeys = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_AGENT_CHANNEL'] as const;
    const anySlack = slackKeys.some((k) => c[k]) || !!c.SLACK_APP_TOKEN;
    if (anySlack) {
      for (const k of slackKeys) {
        if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required because other SLACK_* settings are set' });
      }
    }
    const discordKeys = ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID', 'DISCORD_AGENT_CHANNEL_ID'] as const;
    if (discordKeys.some((k) => c[k])) {
      for (const k of discordKeys) {
        if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required because other DISCORD_* settings are set' });
      }
    }
    if (c.HANDOFF_DESK === 'slack' && !c.SLACK_AGENT_CHANNEL)
      ctx.addIssue({ code: 'custom', path: ['HANDOFF_DESK'], message: 'is slack, but SLACK_AGENT_CHANNEL (and the other SLACK_* settings) are not set' });
    if (c.HANDOFF_DESK === 'discord' && !c.DISCORD_AGENT_CHANNEL_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['HANDOFF_DESK'],
        message: 'is discord, but DISCORD_AGENT_CHANNEL_ID (and the other DISCORD_* settings) are not set',
      });
  });

export type RawConfig = z.infer<typeof configSchema>;

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  agentChannel: string;
  apiUrl?: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  agentChannelId: string;
  apiUrl?: string;
}

export interface ExchangeConfig {
  name: string;
  websiteUrl: string;
  appUrl: string;
  announcementsUrl: string;
  supportUrl: string;
}

export interface WebSecurityConfig {
  publicUrl?: string;
  allowedHosts: string[];
  trustProxy: boolean;
  apiToken?: string;
  frameAncestors: string;
  newConversationsPerMinute: number;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Shared state for several instances; undefined: the embedded SQLite store in dataDir. */
  redisUrl?: string;
  web: WebSecurityConfig;
  logLevel: RawConfig['LOG_LEVEL'];
  logFormat: RawConfig['LOG_FORMAT'];
  exchange: ExchangeConfig;
  sessionIdleMs: number;
  maxMessageChars: number;
  rateLimitPerMinute: number;
  maxConversations: number;
  maxStoreMb: number;
  handoffAfterMisunderstandings: number;
  /** Languages the bot replies in (codes of intents/languages.yaml); the first is the default. */
  languages: string[];
  /** The language of agents' cards (triage, hand-off). */
  agentLanguage: string;
  slack: SlackConfig | null;
  discord: DiscordConfig | null;
  /** The agents' desk every channel's hand-offs go to; null when neither agents' channel is set. */
  desk: DeskConfig | null;
}

export interface DeskConfig {
  /** Where the hand-off cards are posted: SLACK_AGENT_CHANNEL or DISCORD_AGENT_CHANNEL_ID. */
  on: 'slack' | 'discord';
  timeoutMs: number;
  /** null: agents are always there. */
  supportHours: SupportHours | null;
  supportHoursText: string | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates settings; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'config');
      const value = env[name];
      const secret = name.includes('TOKEN') || name.includes('SECRET') || name === 'REDIS_URL';
      const shown = value === undefined ? '' : ` (got "${secret ? '***' : value}")`;
      return `${name} ${i.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const c = parsed.data;
  const slackOn = !!(c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET && c.SLACK_AGENT_CHANNEL);
  const discordOn = !!(c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID && c.DISCORD_AGENT_CHANNEL_ID);
  // Both agents' channels set and no HANDOFF_DESK: Slack, as documented.
  const deskOn = c.HANDOFF_DESK ?? (slackOn ? 'slack' : discordOn ? 'discord' : null);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    redisUrl: c.REDIS_URL,
    web: {
      publicUrl: c.PUBLIC_URL,
      allowedHosts: c.ALLOWED_HOSTS,
      trustProxy: c.TRUST_PROXY,
      apiToken: c.WEB_API_TOKEN,
      frameAncestors: c.FRAME_ANCESTORS,
      newConversationsPerMinute: c.NEW_CONVERSATIONS_PER_MINUTE,
    },
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT,
    exchange: {
      name: c.EXCHANGE_NAME,
      websiteUrl: c.EXCHANGE_WEBSITE_URL,
      appUrl: c.EXCHANGE_APP_URL,
      announcementsUrl: c.EXCHANGE_ANNOUNCEMENTS_URL,
      supportUrl: c.EXCHANGE_SUPPORT_URL,
    },
    sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
    maxMessageChars: c.MAX_MESSAGE_CHARS,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    maxConversations: c.MAX_CONVERSATIONS,
    maxStoreMb: c.MAX_STORE_MB,
    handoffAfterMisunderstandings: c.HANDOFF_AFTER_MISUNDERSTANDINGS,
    languages: c.LANGUAGES,
    agentLanguage: c.AGENT_LANGUAGE,
    slack:
      c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET && c.SLACK_AGENT_CHANNEL
        ? {
            botToken: c.SLACK_BOT_TOKEN,
            signingSecret: c.SLACK_SIGNING_SECRET,
            appToken: c.SLACK_APP_TOKEN,
            agentChannel: c.SLACK_AGENT_CHANNEL,
            apiUrl: c.SLACK_API_URL,
          }
        : null,
    discord:
      c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID && c.DISCORD_AGENT_CHANNEL_ID
        ? {
            token: c.DISCORD_TOKEN,
            applicationId: c.DISCORD_APPLICATION_ID,
            agentChannelId: c.DISCORD_AGENT_CHANNEL_ID,
            apiUrl: c.DISCORD_API_URL,
          }
        : null,
    desk: deskOn
      ? {
          on: deskOn,
          timeoutMs: Math.round(c.HANDOFF_TIMEOUT_MINUTES * 60_000),
          supportHours: c.SUPPORT_HOURS ? parseSupportHours(c.SUPPORT_HOURS) : null,
          supportHoursText: c.SUPPORT_HOURS ?? null,
        }
      : null,
  };
}

// Builds the engine and the conversation service from settings.
import type { AppConfig } from '../config';
import type { SessionStore } from '../store/types';
import { ConversationService } from './service';
import { join } from 'node:path';
import { ConversationEngine, type EngineOptions, type LanguagePack } from './engine';
import { loadKnowledge } from '../knowledge/load';
import { loadMatcher } from '../nlu/load';
import { loadDomain } from '../domain/load';
import { checkKnowledge } from '../domain/check-knowledge';
import { DEFAULT_LANGUAGE, languageDir, loadLanguageTable } from '../language/languages';
import { INTENTS_DIR } from '../paths';

export interface CreateEngineOptions extends Partial<EngineOptions> {
  /** Another intents folder (a test's, with a language of its own). */
  intentsDir?: string;
}

/**
 * The engine for the LANGUAGES setting: each language's matcher (intents/nlu/<code>/) and
 * knowledge (intents/knowledge/<code>/), checked against the one domain. `matcher` and `knowledge`
 * given in opts replace the default language's.
 */
export function createEngine(
  config: Pick<AppConfig, 'exchange' | 'sessionIdleMs' | 'handoffAfterMisunderstandings'> & Partial<Pick<AppConfig, 'languages' | 'agentLanguage'>>,
  opts: CreateEngineOptions = {},
): ConversationEngine {
  const dir = opts.intentsDir ?? INTENTS_DIR;
  const domain = opts.domain ?? loadDomain(dir);
  const table = loadLanguageTable(dir);
  const served = config.languages ?? [...table.languages.keys()];
  const languages = new Map<string, LanguagePack>();
  // Knowledge or a matcher given in opts is English's (or the first language's, without English).
  const given = served.includes(DEFAULT_LANGUAGE) ? DEFAULT_LANGUAGE : served[0];
  for (const code of served) {
    const custom = code === given;
    const knowledge = (custom && opts.knowledge) || loadKnowledge(config.exchange, languageDir('knowledge', code, dir));
    checkKnowledge(domain, knowledge, join(languageDir('knowledge', code, dir), 'questions.yaml'));
    languages.set(code, { matcher: (custom && opts.matcher) || loadMatcher(code, dir), knowledge });
  }
  const first = languages.get(served[0]!)!;
  return new ConversationEngine({
    matcher: first.matcher,
    knowledge: first.knowledge,
    languages,
    unsupported: table.unsupported,
    pastedText: table.pastedText,
    known: [...table.languages.keys()].filter((c) => !served.includes(c)),
    agentLanguage: config.agentLanguage ?? DEFAULT_LANGUAGE,
    domain,
    idleMs: opts.idleMs ?? config.sessionIdleMs,
    handoffAfter: opts.handoffAfter ?? config.handoffAfterMisunderstandings,
  });
}

export function createService(config: AppConfig, store: SessionStore, engine = createEngine(config)): ConversationService {
  return new ConversationService({
    engine,
    // Without an agent desk (no agents' channel set) the web chat has nobody behind it.
    handoffModes: config.desk ? {} : { web: 'self_serve' },
    store,
    maxMessageChars: config.maxMessageChars,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxConversations: config.maxConversations,
    idleMs: config.sessionIdleMs,
  });
}

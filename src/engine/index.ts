// Builds the engine and the conversation service from settings.
import type { AppConfig } from '../config';
import type { SessionStore } from '../store/types';
import { ConversationService } from './service';
import { ConversationEngine, type EngineOptions } from './engine';
import { loadKnowledge } from '../knowledge/load';
import { loadMatcher } from '../nlu/load';
import { loadDomain } from '../domain/load';
import { checkKnowledge } from '../domain/check-knowledge';

export function createEngine(
  config: Pick<AppConfig, 'exchange' | 'sessionIdleMs' | 'handoffAfterMisunderstandings'>,
  opts: Partial<EngineOptions> = {},
): ConversationEngine {
  const domain = opts.domain ?? loadDomain();
  const knowledge = opts.knowledge ?? loadKnowledge(config.exchange);
  checkKnowledge(domain, knowledge);
  return new ConversationEngine({
    matcher: opts.matcher ?? loadMatcher(),
    knowledge,
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

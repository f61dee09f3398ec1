// Builds the engine and the conversation service from settings.
import type { AppConfig } from '../config';
import type { SessionStore } from '../store/types';
import { ConversationService } from './service';
import { ConversationEngine, type EngineOptions } from './engine';
import { loadKnowledge } from '../knowledge/load';
import { loadMatcher } from '../nlu/load';

export function createEngine(config: Pick<AppConfig, 'exchange' | 'sessionIdleMs' | 'handoffAfterMisunderstandings'>, opts: Partial<EngineOptions> = {}): ConversationEngine {
  return new ConversationEngine({
    matcher: opts.matcher ?? loadMatcher(),
    knowledge: opts.knowledge ?? loadKnowledge(config.exchange),
    idleMs: opts.idleMs ?? config.sessionIdleMs,
    handoffAfter: opts.handoffAfter ?? config.handoffAfterMisunderstandings,
  });
}

export function createService(config: AppConfig, store: SessionStore, engine = createEngine(config)): ConversationService {
  return new ConversationService({
    engine,
    store,
    maxMessageChars: config.maxMessageChars,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxConversations: config.maxConversations,
    idleMs: config.sessionIdleMs,
  });
}

// Slack delivers an event again when it did not see a quick 200 (x-slack-retry-num), and now and then
// twice anyway. Each event id (and each interaction's trigger id) is handled once.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SlackDeps } from './deps';
import { DEDUPE_MS } from './deps';
import { describeError } from './errors';

export function deliveryId(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string' && body.event_id) return body.event_id;
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `trigger:${body.trigger_id}`;
  return undefined;
}

export function dedupe(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const id = deliveryId(args.body as Record<string, unknown>);
    if (id) {
      let first = true;
      try {
        first = await deps.store.setIfAbsent(`dedupe:slack:${id}`, 1, DEDUPE_MS);
      } catch (err) {
        // If the store fails, answering twice is better than not answering.
        deps.logger.warn({ error: describeError(err) }, 'slack: de-duplication check failed');
      }
      if (!first) {
        deps.logger.info({ id, retry: args.context.retryNum, reason: args.context.retryReason }, 'slack: duplicate delivery ignored');
        if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
        return;
      }
    }
    await args.next();
  };
}

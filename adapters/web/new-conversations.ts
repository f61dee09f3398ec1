// A per-client limit on NEW web conversations per minute (NEW_CONVERSATIONS_PER_MINUTE), so one
// client cannot fill MAX_CONVERSATIONS by inventing ids. Existing conversations are not counted.
// Memory: one short list of timestamps per client seen in the last minute (pruned), no store scan.
import { RateLimiter } from '../../src/engine/rate-limiter';

export class NewConversationLimit {
  private readonly limiter: RateLimiter;

  constructor(perMinute: number, now: () => number = Date.now) {
    this.limiter = new RateLimiter(perMinute, 60_000, now);
  }

  /** Counts one new conversation for `client`; false when it has had its share this minute. */
  allow(client: string): boolean {
    return this.limiter.allow(client);
  }
}

// Sliding-window rate limit per user; memory stays bounded by pruning idle users.
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastPrune = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(user: string): boolean {
    const now = this.now();
    this.prune(now);
    const recent = (this.hits.get(user) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(user, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(user, recent);
    return true;
  }

  private prune(now: number): void {
    if (now - this.lastPrune < this.windowMs) return;
    this.lastPrune = now;
    for (const [user, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(user);
  }
}

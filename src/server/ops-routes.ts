// GET /healthz and GET /metrics on the bot's one HTTP port.
import type { Express } from 'express';
import type { RunningChannel } from '../channels';
import type { BotMetrics } from '../ops/metrics';
import type { StoreHealth } from '../store/types';

export interface OpsState {
  channels: () => RunningChannel[];
  metrics: BotMetrics;
  /** True once shutdown began: load balancers should stop sending traffic. */
  stopping: () => boolean;
  startedAt: number;
  /** The store's write health, when the store can fail (the SQLite store can). */
  store: () => StoreHealth | undefined;
}

export function mountOpsRoutes(app: Express, ops: OpsState): void {
  app.get('/healthz', (_req, res) => {
    const channels: Record<string, boolean> = {};
    for (const c of ops.channels()) channels[c.name] = c.connected();
    const stopping = ops.stopping();
    const health = ops.store();
    // An unwritable store is probed here too, so the bot recovers once space returns even with no traffic.
    health?.probe();
    const storeOk = ops.store()?.writable ?? true;
    const ok = !stopping && storeOk;
    res
      .status(ok ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({
        status: stopping ? 'stopping' : storeOk ? 'ok' : 'store_unwritable',
        uptimeSeconds: Math.round((Date.now() - ops.startedAt) / 1000),
        store: storeOk,
        channels,
      });
  });

  app.get('/metrics', async (_req, res, next) => {
    try {
      const body = await ops.metrics.registry.metrics();
      res.set('content-type', ops.metrics.registry.contentType).send(body);
    } catch (err) {
      next(err);
    }
  });
}

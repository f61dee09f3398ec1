// GET /healthz and GET /metrics on the bot's one HTTP port.
import type { Express } from 'express';
import type { RunningChannel } from '../channels';
import type { BotMetrics } from '../ops/metrics';

export interface OpsState {
  channels: () => RunningChannel[];
  metrics: BotMetrics;
  /** True once shutdown began: load balancers should stop sending traffic. */
  stopping: () => boolean;
  startedAt: number;
}

export function mountOpsRoutes(app: Express, ops: OpsState): void {
  app.get('/healthz', (_req, res) => {
    const channels: Record<string, boolean> = {};
    for (const c of ops.channels()) channels[c.name] = c.connected();
    const stopping = ops.stopping();
    res
      .status(stopping ? 503 : 200)
      .set('cache-control', 'no-store')
      .json({
        status: stopping ? 'stopping' : 'ok',
        uptimeSeconds: Math.round((Date.now() - ops.startedAt) / 1000),
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

// discord.js turns every gateway dispatch into objects without checking its shape; a malformed
// event (say, an interaction without `data`) throws inside its packet handler, which surfaces as an
// unhandled promise rejection. This guard catches that throw per packet, logs it and drops the
// event, so one broken payload never takes the process down. It wraps discord.js's packet entry
// point, which is internal API: if a discord.js update renames it, the guard turns itself off.
import type { Client } from 'discord.js';
import type { Logger } from '../../src/ops/logger';
import { describeError } from './errors';

type PacketHandler = (packet?: { t?: unknown; d?: unknown }, shard?: unknown) => boolean;

export function guardMalformedEvents(client: Client, logger: Logger): boolean {
  const ws = client.ws as unknown as { handlePacket?: PacketHandler };
  const original = ws.handlePacket;
  if (typeof original !== 'function') {
    logger.warn('discord: cannot guard against malformed gateway events with this discord.js version');
    return false;
  }
  ws.handlePacket = function guardedHandlePacket(this: unknown, packet, shard) {
    try {
      return original.call(this, packet, shard);
    } catch (err) {
      logger.warn({ event: String(packet?.t ?? 'unknown').slice(0, 40), error: describeError(err) }, 'discord: malformed gateway event ignored');
      return true;
    }
  };
  return true;
}

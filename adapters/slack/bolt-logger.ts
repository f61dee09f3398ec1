// Bolt and the Slack Web API client log through this adapter, so their lines end up in the bot's
// structured (pino) log with secrets scrubbed, instead of on the console.
import { LogLevel, type Logger as BoltLogger } from '@slack/logger';
import type { Logger } from '../../src/ops/logger';
import { scrubDeep, scrubLogText } from '../../src/engine/safety/scrub';

const PINO_TO_BOLT: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

const RATE_LIMITED = /rate limit/i;

/** One line from the client's arguments, secrets scrubbed before it is cut (a cut could split one). */
function text(parts: unknown[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? scrubLogText(p) : p instanceof Error ? scrubLogText(p.message) : JSON.stringify(scrubDeep(p))))
    .join(' ')
    .slice(0, 2000);
}

export function boltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = PINO_TO_BOLT[logger.level] ?? LogLevel.INFO;
  const child = logger.child({ component: 'bolt' });
  return {
    debug: (...msg: unknown[]) => child.debug(text(msg)),
    // The Web API client reports a 429 at info level; a rate limit is worth a warning in our log.
    info: (...msg: unknown[]) => {
      const line = text(msg);
      if (RATE_LIMITED.test(line)) child.warn(line);
      else child.info(line);
    },
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

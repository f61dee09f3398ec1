// Structured logs (pino): JSON in production, readable in a terminal. Secrets never reach the log.
import pino, { type Logger } from 'pino';
import { redactSecrets } from '../engine/safety/redact';
import { scrubLogText } from '../engine/safety/scrub';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  format?: 'auto' | 'json' | 'pretty';
  destination?: pino.DestinationStream;
}

const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'apiKey', 'api_key', 'seed', 'mnemonic', 'otp'];

export function createLogger(opts: LoggerOptions = {}): Logger {
  const pretty = opts.format === 'pretty' || (opts.format !== 'json' && !opts.destination && process.stdout.isTTY);
  const options: pino.LoggerOptions = {
    level: opts.level ?? 'info',
    base: { app: 'region-lock-bot' },
    redact: {
      paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    hooks: {
      // Free text (user messages quoted in logs) is scrubbed of secrets too.
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubLogText(a) : a));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    formatters: {
      log(obj) {
        for (const key of ['text', 'user', 'message', 'userText']) {
          const v = (obj as Record<string, unknown>)[key];
          if (typeof v === 'string') (obj as Record<string, unknown>)[key] = redactSecrets(v).text;
        }
        return obj;
      },
    },
  };
  if (opts.destination) return pino(options, opts.destination);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(options);
}

/** A logger that discards everything, for tests and one-shot CLI commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

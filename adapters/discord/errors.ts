// Short, loggable descriptions of Discord failures (never the token), and a guard that keeps one
// failing handler from taking the process down.
import { DiscordAPIError, HTTPError, RESTJSONErrorCodes } from 'discord.js';

/** Discord error codes that mean "the bot is not allowed to do that here": a setup problem, not a bug. */
const PERMISSION_CODES = new Set<number>([
  RESTJSONErrorCodes.MissingAccess,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
  RESTJSONErrorCodes.ThreadLocked,
]);

export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof DiscordAPIError) {
    return { name: err.name, message: err.message.slice(0, 300), code: err.code, status: err.status, method: err.method, path: pathOf(err.url) };
  }
  if (err instanceof HTTPError) return { name: err.name, message: err.message.slice(0, 300), status: err.status, method: err.method, path: pathOf(err.url) };
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 500), ...('code' in err ? { code: (err as { code: unknown }).code } : {}) };
  return { message: String(err).slice(0, 500) };
}

/** The API path without the host or query (webhook and interaction tokens are cut off too). */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/(webhooks\/\d+|interactions\/\d+)\/[^/]+/, '/$1/[token]');
  } catch {
    return '';
  }
}

export function isPermissionError(err: unknown): boolean {
  return err instanceof DiscordAPIError && typeof err.code === 'number' && (PERMISSION_CODES.has(err.code) || err.status === 403);
}

type LogFn = (obj: object, msg: string) => void;

/**
 * Runs a handler body so that a failure is logged and never escapes to crash the process.
 * Missing permissions are a warning (an admin has to fix the channel settings); anything else is an error.
 */
export async function guarded(logger: { warn: LogFn; error: LogFn }, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (isPermissionError(err)) logger.warn({ error: describeError(err) }, `discord: missing permissions for ${what}`);
    else logger.error({ error: describeError(err) }, `discord: ${what} failed`);
  }
}

// Short, loggable descriptions of Slack Web API failures (never the token).

export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; data?: { error?: string; response_metadata?: unknown }; statusCode?: number; retryAfter?: number };
  return {
    name: e.name,
    message: e.message.slice(0, 500),
    ...(e.code ? { code: e.code } : {}),
    ...(e.data?.error ? { slackError: e.data.error } : {}),
    ...(e.statusCode ? { status: e.statusCode } : {}),
    ...(e.retryAfter ? { retryAfter: e.retryAfter } : {}),
  };
}

/** Runs a handler body so that a failure is logged and never escapes to crash the process. */
export async function guarded(logger: { error: (obj: object, msg: string) => void }, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    logger.error({ error: describeError(err) }, `slack: ${what} failed`);
  }
}

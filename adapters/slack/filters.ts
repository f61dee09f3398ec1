// Which incoming messages are a person talking to the bot.
import type { Context } from '@slack/bolt';

/** Message subtypes that are still a person writing; every other subtype (edits, joins, bots…) is ignored. */
const PERSON_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

export interface MessageLike {
  subtype?: string;
  user?: string;
  bot_id?: string;
  bot_profile?: unknown;
  app_id?: string;
  text?: string;
  hidden?: boolean;
}

export function isFromPerson(message: MessageLike, context: Context): boolean {
  if (message.subtype !== undefined && !PERSON_SUBTYPES.has(message.subtype)) return false;
  if (message.bot_id || message.bot_profile || message.hidden) return false;
  if (!message.user) return false;
  if (context.botUserId && message.user === context.botUserId) return false;
  return true;
}

export function mentions(text: string | undefined, userId: string | undefined): boolean {
  return !!text && !!userId && text.includes(`<@${userId}`);
}

/** The workspace an Events API delivery belongs to. */
export function teamOf(body: { team_id?: string; authorizations?: { team_id?: string | null }[] }, fallback?: string): string {
  return body.team_id ?? body.authorizations?.[0]?.team_id ?? fallback ?? 'T0';
}

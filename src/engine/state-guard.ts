// A cheap shape check of a stored conversation state, before the engine trusts it. A record with
// valid JSON but the wrong shape (an older version, a hand edit, a bug) is set aside instead.
import type { ConversationState } from './state';

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function looksLikeConversationState(v: unknown): v is ConversationState {
  if (!isObject(v) || v.version !== 1) return false;
  if (!isObject(v.slots) || !Array.isArray(v.asked) || !Array.isArray(v.recentUserWords)) return false;
  if (!v.recentUserWords.every((w) => typeof w === 'string')) return false;
  if (typeof v.turns !== 'number' || typeof v.lastActiveAt !== 'number' || typeof v.misunderstandings !== 'number') return false;
  if (v.diagnosis !== null && !isObject(v.diagnosis)) return false;
  if (v.handoff !== null && !(isObject(v.handoff) && isObject(v.handoff.summary))) return false;
  return v.pending === null || typeof v.pending === 'string';
}

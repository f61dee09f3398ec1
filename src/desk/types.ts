// The agent desk's records and the ports the channels plug in. The desk is channel-agnostic: the
// agents' channel (Slack or Discord) renders cards and turns thread messages into desk calls; each
// user channel registers how a message reaches its users.
import type { Cause, ConversationRef, HandoffReason } from '../shared/types';

export type DeskName = 'slack' | 'discord';
export type HandoffStatus = 'waiting' | 'claimed' | 'released' | 'resolved' | 'timed_out';

/** A person at the desk: their id in the desk's platform and the name users see. */
export interface DeskAgent {
  id: string;
  name: string;
}

/** Where the card lives in the agents' channel (filled in by the desk adapter). */
export interface CardPlace {
  channel: string;
  /** The card message (Slack ts, Discord message id). */
  message: string;
  /** The thread agents write in (Slack: the card's ts; Discord: the thread id). */
  thread?: string;
}

export interface HandoffRecord {
  id: string;
  ref: ConversationRef;
  /** The user's display name, when the channel knows it. */
  userName?: string;
  status: HandoffStatus;
  /** The conversation's language: what the user is told is in it (the card is in the agents' language). */
  language: string;
  reason: HandoffReason;
  createdAt: number;
  claimedAt?: number;
  closedAt?: number;
  agent?: DeskAgent;
  /** Who closed it (release, resolve). */
  closedBy?: DeskAgent;
  likelyCause: Cause | null;
  causeConfidence: number;
  /** The sentences behind the likely cause, from triage of the transcript. */
  evidence: string[];
  missing: string[];
  facts: string[];
  /** The user's messages, redacted, newest last. */
  transcript: string[];
  secretShared: boolean;
  outsideHours: boolean;
  card?: CardPlace;
}

/** A message for a user in their own channel. `agent`: written by a person (plain text, never markup). */
export type UserMessage = { kind: 'agent'; agent: string; text: string } | { kind: 'notice'; text: string };

/** How a channel delivers to its users (web socket, /api/messages outbox, a Slack DM, a Discord thread…). */
export type DeliverToUser = (ref: ConversationRef, message: UserMessage) => Promise<void>;

/** The agents' channel: posts and updates cards, writes in their threads. */
export interface DeskPort {
  postCard(record: HandoffRecord): Promise<CardPlace>;
  updateCard(record: HandoffRecord): Promise<void>;
  /** A line in the card's thread (the user's words, redacted, or a desk notice). */
  postInThread(record: HandoffRecord, line: { from: 'user' | 'desk'; text: string }): Promise<void>;
}

/** One line of the audit trail (store key desk:audit:<id>): who said what, when; always redacted. */
export interface AuditEntry {
  at: number;
  who: string;
  what: 'opened' | 'claimed' | 'user' | 'agent' | 'note' | 'internal' | 'macro' | 'released' | 'resolved' | 'timed_out';
  text?: string;
}

// Stage 1, read: everything the message says, worked out once. Redacts secrets, cuts long text
// (the only place it is cut), classifies, extracts facts and decodes a picked option.
import type { Matcher, MatchResult } from '../../nlu/matcher';
import { isMostlyCjk } from '../../nlu/normalize';
import type { Domain } from '../../domain/types';
import type { UserInput } from '../../shared/types';
import { redactSecrets } from '../safety/redact';
import { isAngry } from '../safety/tone';
import { extractSlots, isComparison, type Extraction } from '../slots';
import { infoRequest } from '../info';
import { decodeOption, optionFamily, type InfoKey, type OptionRef } from '../ids';

export interface Reading {
  /** The message with secrets redacted and cut to length: all later stages see only this. */
  text: string;
  /** Nothing typed and no option picked. */
  blank: boolean;
  truncated: boolean;
  secretShared: boolean;
  angry: boolean;
  /** Mostly Chinese (or other CJK) text, which the matcher cannot read. */
  otherLanguage: boolean;
  /** "start over", typed or picked. */
  restart: boolean;
  /** A request for an overview (all causes, the symptom table), typed or picked. */
  info: InfoKey | null;
  /** The picked option, decoded; null when typed (or the id names no option). */
  option: OptionRef | null;
  /** The classifier's reading of the text. */
  match: MatchResult;
  /** Facts stated in the text. */
  extraction: Extraction;
  /** "region lock vs frozen": facts named there are not the user's. */
  comparison: boolean;
}

export interface ReadDeps {
  matcher: Matcher;
  domain: Domain;
}

// The whole message must ask for a restart: "reset my password" is not one.
const RESTART =
  /^\s*(?:(?:ok(?:ay)?|please|can we|could we|let'?s|i want to|i'd like to)[\s,]+)?(?:start(?:ing)? (?:over|again|from scratch)|restart|reset|begin again|new conversation|from the (?:start|beginning))(?:[\s,]+(?:please|pls|the (?:chat|conversation)|this (?:chat|conversation)))*\s*[.!?]*\s*$/i;

export function read({ matcher, domain }: ReadDeps, input: UserInput, maxChars = domain.limits.max_text_chars): Reading {
  const raw = typeof input.text === 'string' ? input.text : '';
  // Redact the whole message first (a secret cut in half would escape the patterns), then keep
  // only as much as any real question needs, so megabyte input costs no more than a long one.
  const redaction = redactSecrets(raw);
  const truncated = redaction.text.length > maxChars;
  const text = truncated ? redaction.text.slice(0, maxChars) : redaction.text;
  const option = decodeOption(input.optionId);
  const match = matcher.classify(text);
  // An id that claims to be an overview but names none is not read as typed text either.
  const info = option?.kind === 'info' ? option.info : input.optionId !== undefined && optionFamily(input.optionId) === 'info' ? null : infoRequest(text);
  return {
    text,
    blank: !raw.trim() && !input.optionId,
    truncated,
    secretShared: redaction.kinds.length > 0,
    angry: isAngry(text),
    otherLanguage: isMostlyCjk(text),
    restart: (option?.kind === 'action' && option.action === 'restart') || RESTART.test(text),
    info,
    option,
    match,
    extraction: extractSlots(domain, text, match.words),
    comparison: isComparison(text),
  };
}

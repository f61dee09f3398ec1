// What a triage card says, whatever the platform: cause names, confidence as a percentage and
// the warnings an agent must see first, in the agents' texts (intents/knowledge/<code>/desk.yaml).
// Each adapter only lays these out in its own markup.
import type { Cause, TriageResult } from '../../src/engine/types';
import type { DeskTexts } from '../../src/desk/texts';
import { format } from '../../src/desk/texts';

export const causeLabel = (t: DeskTexts, cause: Cause): string => t.cause_labels[cause] ?? cause;

export const percent = (x: number): string => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;

/** Each platform draws its own icon for a warning (an emoji, a Slack shortcode). */
export type WarningKind = 'secret' | 'frozen' | 'handoff' | 'angry';

export interface TriageWarning {
  kind: WarningKind;
  text: string;
}

export function triageWarnings(t: DeskTexts, flags: TriageResult['flags']): TriageWarning[] {
  const on: Record<WarningKind, boolean> = {
    secret: flags.secretShared,
    frozen: flags.frozenNotRegionLock,
    handoff: flags.handoffRequested,
    angry: flags.angryCustomer,
  };
  return (Object.keys(on) as WarningKind[]).filter((k) => on[k]).map((kind) => ({ kind, text: t.triage.warnings[kind] }));
}

/** "<cause label> (<confidence>%)" for the most likely cause, if there is one. */
export function mostLikelyCause(t: DeskTexts, result: TriageResult): string | undefined {
  const top = result.causes[0];
  return top ? `${causeLabel(t, top.cause)} (${percent(top.confidence)})` : undefined;
}

/** One line for notifications and logs: "Most likely: …". */
export function triageHeadline(t: DeskTexts, result: TriageResult): string {
  const top = mostLikelyCause(t, result);
  return top ? format(t.triage.headline, { cause: top }) : t.triage.headline_none;
}

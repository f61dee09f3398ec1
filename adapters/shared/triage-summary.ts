// What a triage card says, whatever the platform: cause names, confidence as a percentage and
// the warnings an agent must see first. Each adapter only lays these out in its own markup.
import type { Cause, TriageResult } from '../../src/engine/types';

export const CAUSE_LABELS: Record<Cause, string> = {
  ip_geo: 'Network location in a restricted region',
  kyc_region: 'Verified residence (KYC) in a restricted country',
  policy_change: 'Exchange stopped serving the country',
  risk_control: 'Security check after unusual access',
  ip_misidentified: 'IP address placed in the wrong country',
  account_frozen: 'Frozen account, not a region lock',
};

export const NO_CAUSE_YET = 'No cause stands out yet. Ask the questions below first.';

export const causeLabel = (cause: Cause): string => CAUSE_LABELS[cause] ?? cause;

export const percent = (x: number): string => `${Math.round(Math.max(0, Math.min(1, x)) * 100)}%`;

/** Each platform draws its own icon for a warning (an emoji, a Slack shortcode). */
export type WarningKind = 'secret' | 'frozen' | 'handoff' | 'angry';

export interface TriageWarning {
  kind: WarningKind;
  text: string;
}

export function triageWarnings(flags: TriageResult['flags']): TriageWarning[] {
  const warnings: TriageWarning[] = [];
  if (flags.secretShared)
    warnings.push({ kind: 'secret', text: 'The ticket contains a password, key or code. Tell the customer to change it and never send it again.' });
  if (flags.frozenNotRegionLock) warnings.push({ kind: 'frozen', text: 'This reads like a frozen account (no login at all), not a region lock.' });
  if (flags.handoffRequested) warnings.push({ kind: 'handoff', text: 'The customer asks to talk to a person.' });
  if (flags.angryCustomer) warnings.push({ kind: 'angry', text: 'The customer sounds upset. Lead with an apology.' });
  return warnings;
}

/** "<cause label> (<confidence>%)" for the most likely cause, if there is one. */
export function mostLikelyCause(result: TriageResult): string | undefined {
  const top = result.causes[0];
  return top ? `${causeLabel(top.cause)} (${percent(top.confidence)})` : undefined;
}

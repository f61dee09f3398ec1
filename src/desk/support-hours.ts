// SUPPORT_HOURS: when agents are at the desk. Rules separated by ";", each "<days> <from>-<to> [<time zone>]":
//   "Mon-Fri 09:00-18:00 Europe/Berlin; Sat 10:00-14:00 Europe/Berlin"
// Days: Mon Tue Wed Thu Fri Sat Sun, a range (Mon-Fri), a list (Mon,Wed) or "daily". Times are 24-hour
// HH:MM, "to" after "from" on the same day (24:00 allowed; split a night shift into two rules). The
// time zone is an IANA name, UTC when left out.

export const SUPPORT_HOURS_HELP = 'rules "<days> <HH:MM>-<HH:MM> [IANA time zone]" separated by ";", days like Mon-Fri, Sat,Sun or daily';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface SupportRule {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  fromMinute: number;
  toMinute: number;
  timeZone: string;
}

export type SupportHours = SupportRule[];

function dayIndex(name: string): number {
  return DAYS.indexOf(name.slice(0, 3).toLowerCase() as (typeof DAYS)[number]);
}

function parseDays(spec: string): number[] | null {
  if (/^(daily|every ?day)$/i.test(spec)) return [0, 1, 2, 3, 4, 5, 6];
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const range = /^([A-Za-z]{3,9})(?:-([A-Za-z]{3,9}))?$/.exec(part.trim());
    if (!range) return null;
    const a = dayIndex(range[1]!);
    const b = range[2] ? dayIndex(range[2]) : a;
    if (a < 0 || b < 0) return null;
    // Bounded: at most seven steps around the week (Fri-Mon wraps through the weekend).
    for (let d = a, n = 0; n < 7; d = (d + 1) % 7, n++) {
      out.add(d);
      if (d === b) break;
    }
  }
  return [...out].sort();
}

function minuteOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The rules, or null when the text does not follow the format. */
export function parseSupportHours(text: string): SupportHours | null {
  const rules: SupportRule[] = [];
  for (const raw of text.split(';')) {
    const rule = raw.trim();
    if (!rule) continue;
    const m = /^(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})(?:\s+(\S+))?$/.exec(rule);
    if (!m) return null;
    const days = parseDays(m[1]!);
    const from = minuteOf(m[2]!);
    const to = minuteOf(m[3]!);
    const timeZone = m[4] ?? 'UTC';
    if (!days || from === null || to === null || to <= from || !validZone(timeZone)) return null;
    rules.push({ days, fromMinute: from, toMinute: to, timeZone });
  }
  return rules.length ? rules : null;
}

/** Weekday (0 = Sunday) and minute of the day at `now` in a time zone. */
function localTime(now: number, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: dayIndex(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** True when `now` falls in one of the rules (no rules: always open). */
export function withinSupportHours(hours: SupportHours | null, now: number): boolean {
  if (!hours) return true;
  return hours.some((r) => {
    const t = localTime(now, r.timeZone);
    return r.days.includes(t.day) && t.minute >= r.fromMinute && t.minute < r.toMinute;
  });
}

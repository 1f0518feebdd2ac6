/**
 * Business hours in a timezone, with the Intl APIs only (runs on Node and Workers). Pure.
 * A schedule is a set of weekdays with an opening and closing time of day, local to `timezone`;
 * SLA clocks that pause outside hours add durations in business time with addBusinessTime.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  timezone: string;
  days: Weekday[];
  start: string; // "09:00"
  end: string; // "18:00"; "24:00" or <= start means "until midnight" / overnight
}

const MAX_DAYS = 400; // a schedule with no open day would loop forever; stop after a year
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' });
    formatters.set(tz, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

export function localParts(t: number, tz: string): LocalTime {
  const out: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(t))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: out.weekday.toLowerCase().slice(0, 3) as Weekday,
  };
}

/** Offset of tz from UTC at instant t, in ms (local = utc + offset). */
function offsetAt(t: number, tz: string): number {
  const p = localParts(t, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/** The instant at which the wall clock in tz shows the given local date and minute of day. */
export function zonedInstant(year: number, month: number, day: number, minuteOfDay: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  let t = guess - offsetAt(guess, tz);
  t = guess - offsetAt(t, tz); // second pass settles DST transitions
  return t;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Minute of the local day at instant t in tz. */
export function localMinute(t: number, tz: string): number {
  const p = localParts(t, tz);
  return p.hour * 60 + p.minute;
}

/** True when the local time of t lies in [from, to) (overnight ranges like 22:00-07:00 wrap). */
export function inTimeRange(t: number, tz: string, from: string, to: string): boolean {
  const m = localMinute(t, tz);
  const a = minutesOf(from);
  const b = minutesOf(to);
  return a <= b ? m >= a && m < b : m >= a || m < b;
}

/** The opening window [open, close) of the local day that contains t, or null on a closed day. */
function windowOfDay(t: number, s: Schedule): [number, number] | null {
  const p = localParts(t, s.timezone);
  if (!s.days.includes(p.weekday)) return null;
  const a = minutesOf(s.start);
  let b = s.end === '24:00' ? 1440 : minutesOf(s.end);
  if (b <= a) b = 1440;
  const open = zonedInstant(p.year, p.month, p.day, a, s.timezone);
  const close = b === 1440 ? zonedInstant(p.year, p.month, p.day, 0, s.timezone) + DAY_MS : zonedInstant(p.year, p.month, p.day, b, s.timezone);
  return [open, close];
}

export function isOpen(t: number, s: Schedule): boolean {
  const w = windowOfDay(t, s);
  return w !== null && t >= w[0] && t < w[1];
}

/** Start of the next local day after the one containing t (DST-safe: steps by local dates). */
function nextLocalDay(t: number, tz: string): number {
  const p = localParts(t, tz);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day) + DAY_MS);
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, tz);
}

/** t plus `ms` of open time: the clock only runs while the schedule is open. */
export function addBusinessTime(t: number, ms: number, s: Schedule): number {
  let cursor = t;
  let remaining = ms;
  for (let i = 0; i < MAX_DAYS; i++) {
    const w = windowOfDay(cursor, s);
    if (w && cursor < w[1]) {
      const from = Math.max(cursor, w[0]);
      const avail = w[1] - from;
      if (avail >= remaining) return from + remaining;
      remaining -= avail;
    }
    cursor = nextLocalDay(cursor, s.timezone);
  }
  return t + ms; // no open time within a year: fall back to wall-clock time
}

/** Open time elapsed between a and b (b >= a). */
export function businessTimeBetween(a: number, b: number, s: Schedule): number {
  let total = 0;
  let cursor = a;
  for (let i = 0; i < MAX_DAYS && cursor < b; i++) {
    const w = windowOfDay(cursor, s);
    if (w) total += Math.max(0, Math.min(b, w[1]) - Math.max(cursor, w[0]));
    cursor = nextLocalDay(cursor, s.timezone);
  }
  return total;
}

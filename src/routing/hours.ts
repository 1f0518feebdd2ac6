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

/** Local date and time of instant t in tz, straight from Intl (formatToParts): exact, and slow. */
export function localPartsUncached(t: number, tz: string): LocalTime {
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

/** Offset of tz from UTC at instant t, in ms (local = utc + offset), from the given local-time function. */
function offsetWith(parts: (t: number, tz: string) => LocalTime, t: number, tz: string): number {
  const p = parts(t, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * SLA arithmetic asks for local times many times per item (each day it steps through, twice per
 * opening window): the zone's offset is cached per UTC hour. An hour whose first and last second
 * have the same offset holds no change (zones never change twice within an hour), so every instant
 * in it has that offset and its local time is plain UTC arithmetic; an hour with a change in it is
 * marked and asked of Intl each time. Same results as localPartsUncached, at a Map lookup.
 */
const HOUR_MS = 3_600_000;
const OFFSET_CACHE_MAX = 20_000; // hours per zone (about two years); cleared when full
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffset(t: number, tz: string): number {
  let zone = offsetCache.get(tz);
  if (!zone) offsetCache.set(tz, (zone = new Map()));
  const hour = Math.floor(t / HOUR_MS);
  let off = zone.get(hour);
  if (off === undefined) {
    const a = offsetWith(localPartsUncached, hour * HOUR_MS, tz);
    const b = offsetWith(localPartsUncached, hour * HOUR_MS + HOUR_MS - 1000, tz);
    off = a === b ? a : NaN;
    if (zone.size >= OFFSET_CACHE_MAX) zone.clear();
    zone.set(hour, off);
  }
  return off;
}

export function localParts(t: number, tz: string): LocalTime {
  const off = cachedOffset(t, tz);
  if (Number.isNaN(off)) return localPartsUncached(t, tz);
  const d = new Date(Math.floor(t / 1000) * 1000 + off);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: WEEKDAYS[d.getUTCDay()],
  };
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The instant at which the wall clock in tz shows the given local date and minute of day.
 * A local time skipped by a change (a gap) maps to the instant as far after the gap's start as
 * the time was (02:30 on a 02:00→03:00 night is 03:30; a midnight that does not exist is 01:00),
 * never to the day before: stepping day by day must always move forward.
 */
function zonedInstantWith(parts: (t: number, tz: string) => LocalTime, year: number, month: number, day: number, minuteOfDay: number, tz: string): number {
  const guess = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  const a = guess - offsetWith(parts, guess, tz);
  const b = guess - offsetWith(parts, a, tz); // second pass settles DST transitions
  return b + offsetWith(parts, b, tz) === guess ? b : Math.max(a, b);
}

function localMinuteWith(parts: (t: number, tz: string) => LocalTime, t: number, tz: string): number {
  const p = parts(t, tz);
  return p.hour * 60 + p.minute;
}

/**
 * The schedule arithmetic over a local-time function: `businessHours(localParts)` (cached, what the
 * exports below are) and `businessHours(localPartsUncached)` (the reference the tests compare with).
 */
export function businessHours(parts: (t: number, tz: string) => LocalTime) {
  const zonedInstant = (year: number, month: number, day: number, minuteOfDay: number, tz: string): number => zonedInstantWith(parts, year, month, day, minuteOfDay, tz);
  /** Minute of the local day at instant t in tz. */
  const localMinute = (t: number, tz: string): number => localMinuteWith(parts, t, tz);

  /** True when the local time of t lies in [from, to) (overnight ranges like 22:00-07:00 wrap). */
  function inTimeRange(t: number, tz: string, from: string, to: string): boolean {
    const m = localMinute(t, tz);
    const a = minutesOf(from);
    const b = minutesOf(to);
    return a <= b ? m >= a && m < b : m >= a || m < b;
  }

  /** The opening window [open, close) of the local day that contains t, or null on a closed day. */
  function windowOfDay(t: number, s: Schedule): [number, number] | null {
    const p = parts(t, s.timezone);
    if (!s.days.includes(p.weekday)) return null;
    const a = minutesOf(s.start);
    let b = s.end === '24:00' ? 1440 : minutesOf(s.end);
    if (b <= a) b = 1440;
    const open = zonedInstant(p.year, p.month, p.day, a, s.timezone);
    const close = b === 1440 ? zonedInstant(p.year, p.month, p.day, 0, s.timezone) + DAY_MS : zonedInstant(p.year, p.month, p.day, b, s.timezone);
    return [open, close];
  }

  function isOpen(t: number, s: Schedule): boolean {
    const w = windowOfDay(t, s);
    return w !== null && t >= w[0] && t < w[1];
  }

  /** Start of the next local day after the one containing t (DST-safe: steps by local dates). */
  function nextLocalDay(t: number, tz: string): number {
    const p = parts(t, tz);
    const d = new Date(Date.UTC(p.year, p.month - 1, p.day) + DAY_MS);
    return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, tz);
  }

  /** t plus `ms` of open time: the clock only runs while the schedule is open. */
  function addBusinessTime(t: number, ms: number, s: Schedule): number {
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
  function businessTimeBetween(a: number, b: number, s: Schedule): number {
    let total = 0;
    let cursor = a;
    for (let i = 0; i < MAX_DAYS && cursor < b; i++) {
      const w = windowOfDay(cursor, s);
      if (w) total += Math.max(0, Math.min(b, w[1]) - Math.max(cursor, w[0]));
      cursor = nextLocalDay(cursor, s.timezone);
    }
    return total;
  }

  return { zonedInstant, localMinute, inTimeRange, isOpen, addBusinessTime, businessTimeBetween };
}

const cached = businessHours(localParts);
/** The instant at which the wall clock in tz shows the given local date and minute of day. */
export const zonedInstant = cached.zonedInstant;
/** Minute of the local day at instant t in tz. */
export const localMinute = cached.localMinute;
/** True when the local time of t lies in [from, to) (overnight ranges like 22:00-07:00 wrap). */
export const inTimeRange = cached.inTimeRange;
export const isOpen = cached.isOpen;
/** t plus `ms` of open time: the clock only runs while the schedule is open. */
export const addBusinessTime = cached.addBusinessTime;
/** Open time elapsed between a and b (b >= a). */
export const businessTimeBetween = cached.businessTimeBetween;

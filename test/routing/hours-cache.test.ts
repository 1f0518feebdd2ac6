/**
 * The cached local-time arithmetic (zone offsets cached per UTC hour) gives exactly what Intl gives,
 * around every daylight-saving change of zones with unusual rules, and the SLA arithmetic built on
 * it (addBusinessTime, businessTimeBetween) matches the uncached computation instant for instant.
 */
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessHours, businessTimeBetween, isOpen, localParts, localPartsUncached, type Schedule } from '../../src/routing/hours.js';

const ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST
  'America/Santiago', // changes at midnight
  'America/Sao_Paulo', // midnight DST until 2019
  'Asia/Tehran', // DST until 2022
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -3:30
  'Africa/Casablanca', // suspended during Ramadan
  'Europe/Dublin', // "negative" DST in tzdata
  'Pacific/Apia', // skipped 30 December 2011
  'Asia/Kolkata', // no DST
];
const DAY = 86_400_000;
const H = 3_600_000;
const reference = businessHours(localPartsUncached);

function offset(t: number, tz: string): number {
  const p = localPartsUncached(t, tz);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(t / 1000) * 1000;
}

/** Instants just after each offset change in [from, to), found day by day and narrowed to the second. */
function changes(tz: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += DAY) {
    if (offset(t, tz) === offset(t + DAY, tz)) continue;
    let [lo, hi] = [t, t + DAY];
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offset(mid, tz) === offset(lo, tz)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

const schedules = (tz: string): Schedule[] => [
  { timezone: tz, days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  { timezone: tz, days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '00:00', end: '24:00' },
  { timezone: tz, days: ['fri', 'sat', 'sun'], start: '22:00', end: '06:00' },
  { timezone: tz, days: ['sat', 'sun', 'mon'], start: '00:15', end: '02:45' }, // across the usual change hours
];

describe('cached local time and SLA arithmetic', () => {
  for (const tz of ZONES) {
    it(`matches the uncached computation around every change in ${tz}, 2011-2026`, () => {
      const found = changes(tz, Date.UTC(2011, 0, 1), Date.UTC(2027, 0, 1));
      // every zone but Kolkata changed in these years; Kolkata is checked at a plain sample of instants
      const anchors = found.length ? found : Array.from({ length: 24 }, (_, i) => Date.UTC(2024, i, 1));
      if (tz !== 'Asia/Kolkata') expect(found.length).toBeGreaterThan(0);
      let compared = 0;
      for (const c of anchors) {
        for (const d of [-1000, -1, 0, 1, 999, 1000]) {
          expect(localParts(c + d, tz)).toEqual(localPartsUncached(c + d, tz));
          compared++;
        }
        for (let t = c - 6 * H; t < c + 6 * H; t += 7.5 * 60_000 + 1_337) {
          expect(localParts(t, tz)).toEqual(localPartsUncached(t, tz));
          compared++;
        }
      }
      const step = Math.max(1, Math.floor(anchors.length / 6));
      for (const c of anchors.filter((_, i) => i % step === 0)) {
        for (const s of schedules(tz)) {
          for (let t = c - 2 * DAY; t < c + 2 * DAY; t += 3 * H + 11_111) {
            for (const ms of [30 * 60_000, 4 * H, 26 * H]) expect(addBusinessTime(t, ms, s)).toBe(reference.addBusinessTime(t, ms, s));
            expect(businessTimeBetween(t, t + 3 * DAY, s)).toBe(reference.businessTimeBetween(t, t + 3 * DAY, s));
            expect(isOpen(t, s)).toBe(reference.isOpen(t, s));
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(500);
    });
  }

  it('steps over a midnight that does not exist (Santiago, 8 September 2024: 00:00 → 01:00)', () => {
    const weekdays: Schedule = { timezone: 'America/Santiago', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
    // Friday 18:01 local (UTC-4): the next open half hour is Monday 09:00-09:30 local, UTC-3 by then
    expect(new Date(addBusinessTime(Date.parse('2024-09-06T22:01:00Z'), 30 * 60_000, weekdays)).toISOString()).toBe('2024-09-09T12:30:00.000Z');
    const daily: Schedule = { ...weekdays, days: ['sat', 'sun'], start: '00:00', end: '24:00' };
    // Saturday's last hour, then Sunday from its first instant (01:00 local = 04:00Z)
    expect(new Date(addBusinessTime(Date.parse('2024-09-08T03:00:00Z'), 2 * H, daily)).toISOString()).toBe('2024-09-08T05:00:00.000Z');
    expect(businessTimeBetween(Date.parse('2024-09-07T04:00:00Z'), Date.parse('2024-09-09T03:00:00Z'), daily)).toBe(47 * H);
  });
});

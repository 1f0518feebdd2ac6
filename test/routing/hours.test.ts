import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, inTimeRange, isOpen, type Schedule } from '../../src/routing/hours.js';

const paris: Schedule = { timezone: 'Europe/Paris', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' };
const H = 3_600_000;

describe('business hours', () => {
  it('is open on a weekday afternoon in Paris and closed at night and at weekends', () => {
    expect(isOpen(Date.parse('2026-03-04T13:00:00Z'), paris)).toBe(true); // Wed 14:00 Paris
    expect(isOpen(Date.parse('2026-03-04T17:30:00Z'), paris)).toBe(false); // Wed 18:30 Paris
    expect(isOpen(Date.parse('2026-03-07T12:00:00Z'), paris)).toBe(false); // Saturday
  });

  it('adds time only while open: 2h from Friday 17:00 Paris ends Monday 10:00 Paris', () => {
    const fri17 = Date.parse('2026-03-06T16:00:00Z');
    expect(new Date(addBusinessTime(fri17, 2 * H, paris)).toISOString()).toBe('2026-03-09T09:00:00.000Z');
  });

  it('starts the clock at opening time when an item arrives at night', () => {
    const tue3am = Date.parse('2026-03-03T02:00:00Z');
    expect(new Date(addBusinessTime(tue3am, 30 * 60_000, paris)).toISOString()).toBe('2026-03-03T08:30:00.000Z');
  });

  it('follows the daylight-saving change (Paris moves to UTC+2 on 29 March 2026)', () => {
    const fri = Date.parse('2026-03-27T16:00:00Z'); // Fri 17:00 CET
    // one open hour left on Friday, one more on Monday 09:00 CEST = 07:00 UTC
    expect(new Date(addBusinessTime(fri, 2 * H, paris)).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('measures open time between two instants', () => {
    expect(businessTimeBetween(Date.parse('2026-03-06T16:00:00Z'), Date.parse('2026-03-09T09:00:00Z'), paris)).toBe(2 * H);
  });

  it('treats 24:00 as the end of the day and overnight time ranges as wrapping', () => {
    const always: Schedule = { timezone: 'UTC', days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '00:00', end: '24:00' };
    const t = Date.parse('2026-03-07T23:30:00Z');
    expect(addBusinessTime(t, H, always)).toBe(t + H);
    expect(inTimeRange(Date.parse('2026-03-07T23:00:00Z'), 'UTC', '22:00', '07:00')).toBe(true);
    expect(inTimeRange(Date.parse('2026-03-07T06:59:00Z'), 'UTC', '22:00', '07:00')).toBe(true);
    expect(inTimeRange(Date.parse('2026-03-07T07:00:00Z'), 'UTC', '22:00', '07:00')).toBe(false);
  });
});

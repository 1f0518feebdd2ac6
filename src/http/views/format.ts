/** Formatting shared by the server's pages and the browser's scripts (pure, no imports). */

/** "2026-03-02 06:20 UTC" */
export function time(ms: number | string): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** An SVG path through the values, scaled so `max` touches the top. */
export function pathOf(values: number[], w: number, h: number, max: number): string {
  if (!values.length) return '';
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  return values.map((v, i) => `${i ? 'L' : 'M'}${(i * step).toFixed(1)},${(h - (max > 0 ? (v / max) * h : 0)).toFixed(1)}`).join(' ');
}

/** "2 h 05 min", "12 min", "40 s": the same words on the page and in the live countdown (client/desk.ts). */
export function span(ms: number): string {
  const s = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function slaText(clock: 'firstResponse' | 'resolution' | null, due: number, now: number): string {
  const what = clock === 'resolution' ? 'resolution' : 'first response';
  return due <= now ? `${what} overdue by ${span(now - due)}` : `${what} due in ${span(due - now)}`;
}

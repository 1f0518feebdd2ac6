/**
 * The one retry policy of everything Backlash sends out: notification deliveries (deliver.ts, per
 * failing destination) and replies to customers (replies/publish.ts, per reply). A failure that may
 * succeed later waits `backoffBase` (2.5-5 s with the default 5 s: "equal jitter", never less than
 * half the step), doubling with each failure up to `backoffMax` (5 min), or longer when the other
 * side asks (Retry-After, capped at an hour); it is given up — a dead letter, which can be resent —
 * only when a failed attempt comes `retryFor` (24 h) or more after the message first waited. So an
 * outage of minutes or hours loses nothing, and a receiver back up is tried again within backoffMax.
 */
import { parseRateLimit } from '../feeds/http.js';

export interface RetryPolicy {
  backoffBase: number;
  backoffMax: number;
  retryFor: number;
}

const MAX_RETRY_AFTER_MS = 3_600_000;

export function backoffMs(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const d = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(d / 2 + random() * (d / 2)); // "equal jitter": never less than half the step
}

/** The wait before the next try after `failures` failures in a row: the backoff, or Retry-After when it asks for longer. */
export function retryDelay(policy: RetryPolicy, failures: number, retryAfterMs: number | undefined, random?: () => number): number {
  return Math.max(retryAfterMs ?? 0, backoffMs(failures, policy.backoffBase, policy.backoffMax, random));
}

/** Is a failure at `at` past the horizon of a message that has waited since `since`? */
export function pastHorizon(policy: RetryPolicy, since: number, at: number): boolean {
  return at - since >= policy.retryFor;
}

/** Retry-After as milliseconds from `now` (wall-clock time: an HTTP date is one), or the seconds Discord puts in the body. */
export function parseRetryAfter(v: string | null, body: string, now: number): number | null {
  if (v !== null && v.trim() !== '') {
    if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(Number(v) * 1000));
    // an HTTP date (IMF-fixdate and the obsolete forms): a weekday or month name, never a bare number
    const t = /[a-z]{3}/i.test(v) ? Date.parse(v) : NaN;
    if (!Number.isNaN(t)) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, t - now));
  }
  try {
    const j = JSON.parse(body) as { retry_after?: number }; // Discord also puts it in the body, in seconds
    if (typeof j.retry_after === 'number' && j.retry_after >= 0) return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(j.retry_after * 1000));
  } catch {
    /* not JSON */
  }
  return null;
}

/**
 * How long the other side asked us to wait, for a 429 or a 503: Retry-After (header, or Discord's
 * body); for a 429 without one, the rate-limit window's reset (X-RateLimit-Reset on Mastodon, an
 * ISO time; RateLimit-Reset on a Bluesky PDS, epoch seconds), capped like Retry-After.
 */
export function askedWait(status: number, headers: { get(name: string): string | null }, body: string, now: number): number | undefined {
  if (status !== 429 && status !== 503) return undefined;
  const after = parseRetryAfter(headers.get('retry-after'), body, now);
  if (after !== null || status !== 429) return after ?? undefined;
  const h: Record<string, string> = {};
  for (const k of ['x-ratelimit-reset', 'ratelimit-reset']) {
    const v = headers.get(k);
    if (v !== null) h[k] = v;
  }
  const reset = parseRateLimit(h, now)?.resetAt;
  return reset === undefined ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, reset - now));
}

/** A horizon as people read it: "10 min", "24 h", "1.5 h". */
export function spanText(ms: number): string {
  return ms < 3_600_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round((ms / 3_600_000) * 10) / 10} h`;
}

/** When to poll next: pure functions of the outcome, the schedule and a random number. */
import type { FetchError, RateLimitState } from './http.js';

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
export const SLOW_RETRY_MIN_MS = 15 * 60_000;
export const SLOW_RETRY_MAX_MS = 6 * 60 * 60_000;
export const RETRY_AFTER_MAX_MS = 24 * 60 * 60_000;

/** A success: the schedule with ±jitter, later if the rate limit is spent until its reset. */
export function nextAfterSuccess(now: number, everyMs: number, jitter: number, r: number, rate?: RateLimitState | null): number {
  let next = now + Math.round(everyMs * (1 + jitter * (2 * r - 1)));
  if (rate && rate.remaining !== undefined && rate.remaining <= 0 && rate.resetAt && rate.resetAt > next) next = rate.resetAt + Math.round(1000 * r);
  if (rate?.retryAfterAt && rate.retryAfterAt > next) next = rate.retryAfterAt;
  return next;
}

/**
 * A failure: retryable faults (network, timeout, 429, 5xx) back off exponentially from 30 s with
 * jitter, at least as long as Retry-After asks; others (401/403/404, parse, config) retry slowly.
 */
export function nextAfterFailure(now: number, everyMs: number, failures: number, err: Pick<FetchError, 'retryable' | 'retryAfterMs'>, r: number): number {
  const n = Math.max(1, failures);
  const exp = Math.min(2 ** (n - 1), 2 ** 20);
  let delay = err.retryable
    ? Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_BASE_MS * exp, 0))
    : Math.min(SLOW_RETRY_MAX_MS, Math.max(everyMs, SLOW_RETRY_MIN_MS) * exp);
  delay = Math.round(delay / 2 + (delay / 2) * r); // "equal jitter": never less than half the step
  if (err.retryAfterMs !== undefined) delay = Math.max(delay, Math.min(err.retryAfterMs, RETRY_AFTER_MAX_MS));
  return now + delay;
}

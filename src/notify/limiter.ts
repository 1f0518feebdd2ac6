/**
 * Per-destination rate limits as token buckets on the caller's clock (p-queue is Node-only; this
 * runs anywhere, and on a ManualClock in tests). reserve() takes a token and returns 0, or returns
 * how long to wait before one is free without taking it.
 */
export interface RateLimiter {
  reserve(key: string, now: number, limit: { requests: number; perMs: number }): number;
}

export class TokenBucketLimiter implements RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  reserve(key: string, now: number, limit: { requests: number; perMs: number }): number {
    const rate = limit.requests / limit.perMs; // tokens per ms
    const b = this.buckets.get(key) ?? { tokens: limit.requests, at: now };
    b.tokens = Math.min(limit.requests, b.tokens + Math.max(0, now - b.at) * rate);
    b.at = Math.max(b.at, now);
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / rate);
  }
}

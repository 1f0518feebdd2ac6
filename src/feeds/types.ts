/**
 * A FeedSource turns one configured source into normalised posts. Each lives in one small file under
 * sources/, declares a zod schema for its own config keys, and is listed in sources/index.ts.
 */
import type { z } from 'zod';
import type { NormalizedPost } from '../types.js';
import type { HttpClient, HttpLimits, RateLimitState } from './http.js';
import type { Logger } from '../util/log.js';

/** Poll state kept per source between polls (the sources table). */
export interface PollState {
  cursor: unknown;
  etag: string | null;
  lastModified: string | null;
}

export interface FetchContext<C> {
  http: HttpClient;
  limits: HttpLimits;
  now: number;
  log: Logger;
  source: { id: string; target: string; type: string };
  config: C;
  state: PollState;
}

export interface FetchResult {
  posts: NormalizedPost[];
  /** The cursor to save once these posts are stored; undefined keeps the previous one. */
  cursor?: unknown;
  etag?: string | null;
  lastModified?: string | null;
  /** The server answered 304: nothing changed. */
  notModified?: boolean;
  rateLimit?: RateLimitState | null;
  /** How many pages were fetched (for the status view and tests). */
  pages?: number;
}

export interface FeedSource<S extends z.ZodType = z.ZodType> {
  /** The config keys of this source type (besides id, type, every, enabled), with defaults. */
  schema: S;
  /** One-line description for docs and errors. */
  summary: string;
  /**
   * The hosts a poll of this source talks to, given its config (defaults applied). The first is the
   * one its listing requests go to: the poller queues the poll under it, so the per-host limits apply
   * to the host actually requested. Empty for push-only sources.
   */
  hosts(config: z.output<S>): string[];
  /** Poll once: read from the cursor forward. Absent for push-only sources. */
  fetch?(ctx: FetchContext<z.output<S>>): Promise<FetchResult>;
}

/** Helper so each source file infers its config type from its schema. */
export function defineSource<S extends z.ZodType>(s: FeedSource<S>): FeedSource<S> {
  return s;
}

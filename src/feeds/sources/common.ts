/** Helpers shared by the source files: one GET with the right headers and error mapping, dates, ids. */
import { z } from 'zod';
import { FetchError, conditionalHeaders, parseRateLimit, statusError, type HttpResponse, type RateLimitState } from '../http.js';
import type { FetchContext } from '../types.js';
import { stableId } from '../../util/ids.js';

export const MAX_PAGES_DEFAULT = 5;
export const maxPagesKey = z.number().int().min(1).max(50).default(MAX_PAGES_DEFAULT);
export const headersKey = z.record(z.string(), z.string()).default({});
export const urlKey = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** The host (with port, if any) of a URL: what the per-host limits are keyed on. */
export const hostOf = (url: string): string => new URL(url).host;

export interface Page {
  res: HttpResponse;
  notModified: boolean;
  rateLimit: RateLimitState | null;
}

/**
 * GET one page. `conditional` adds If-None-Match / If-Modified-Since (first page only: later pages
 * have no validators of their own). 304 comes back as notModified; other non-2xx become FetchErrors.
 */
export async function getPage(
  ctx: FetchContext<unknown>,
  url: string,
  opts: { headers?: Record<string, string>; conditional?: boolean; accept?: string; what?: string; method?: 'GET' | 'POST'; body?: string } = {},
): Promise<Page> {
  const headers: Record<string, string> = {
    'user-agent': ctx.limits.userAgent,
    accept: opts.accept ?? 'application/json',
    ...(opts.conditional ? conditionalHeaders(ctx.state) : {}),
    ...opts.headers,
  };
  const res = await ctx.http.request({ url, method: opts.method ?? 'GET', headers, body: opts.body });
  const rateLimit = parseRateLimit(res.headers, ctx.now);
  if (res.status === 304) return { res, notModified: true, rateLimit };
  if (res.status < 200 || res.status > 299) throw statusError(res, ctx.now, opts.what ?? new URL(url).host);
  return { res, notModified: false, rateLimit };
}

/** Epoch ms from an ISO/RFC 822 date string, epoch seconds or epoch ms; NaN when unknown. */
export function toMs(v: unknown): number {
  if (typeof v === 'number') return v < 1e11 ? v * 1000 : v;
  if (typeof v !== 'string' || !v.trim()) return NaN;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return toMs(Number(s));
  const t = Date.parse(s);
  if (Number.isFinite(t)) return t;
  // RFC 822 with a zone name Date.parse does not know (e.g. "CEST"): drop it, read as UTC
  const t2 = Date.parse(s.replace(/\s+[A-Z]{3,5}$/, ' GMT'));
  return Number.isFinite(t2) ? t2 : NaN;
}

/** A stable id for an item that has none: from its link, else its title/text and date. */
export function derivedId(...parts: (string | number | null | undefined)[]): string {
  return 'h:' + stableId(parts.map((p) => (p === null || p === undefined ? '' : String(p))).join('\u0000'));
}

/** Reads "a.b.0.c" from a value. */
export function dig(obj: unknown, path: string | undefined): unknown {
  if (!path) return undefined;
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function num(v: unknown): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function str(v: unknown): string | null {
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : null;
}

export function asObject(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new FetchError('parse', `${what}: expected a JSON object`);
  return v as Record<string, unknown>;
}

/** Validators to keep after a successful first page. */
export function validators(res: HttpResponse): { etag: string | null; lastModified: string | null } {
  return { etag: res.headers['etag'] ?? null, lastModified: res.headers['last-modified'] ?? null };
}

/** Compares snowflake-style numeric string ids (Mastodon, Reddit base36 is handled by the caller). */
export function idGreater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/**
 * Why an item could not be read, for the source's error: a page whose items are all unreadable is a
 * failure with a reason (a changed API, a wrong `items` path, a hostile document), not "ok, 0 posts".
 */
export function unreadableReason(item: unknown, index: number, need: string): string {
  if (item === null || typeof item !== 'object') return `item ${index} is ${item === null ? 'null' : `a ${typeof item}`}, not an object`;
  if (Array.isArray(item)) {
    let depth = 1;
    let cur: unknown = item;
    // walked, not recursed: a document can nest arrays 200,000 deep
    while (Array.isArray(cur) && cur.length > 0 && Array.isArray(cur[0]) && depth < 10_000_000) (cur = cur[0]), depth++;
    return `item ${index} is an array${depth > 1 ? ` nested ${depth.toLocaleString('en-US')} deep` : ''}, not an object`;
  }
  return `item ${index} has no ${need}`;
}

/** The error for a page that had items but not one that could be read. */
export function noReadableItems(count: number, where: string, reason: string): FetchError {
  return new FetchError('parse', `none of the ${count} item${count === 1 ? '' : 's'} at ${where} could be read: ${reason}`);
}

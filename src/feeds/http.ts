/**
 * The HTTP seam of the feeds: an interface the runtime implements (undici on Node, fetch on
 * Workers), the error type every source throws, and pure helpers for retry and rate-limit headers.
 * No runtime imports here.
 */
import { decodeBytes } from '../util/encoding.js';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Overrides of the configured limits, for one request. */
  timeoutMs?: number;
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface HttpClient {
  /** Resolves for every HTTP status; rejects with FetchError for network, timeout, size and address faults. */
  request(req: HttpRequest): Promise<HttpResponse>;
}

export type FetchErrorCode =
  | 'network'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'private_address'
  | 'bad_url'
  | 'rate_limited'
  | 'server_error'
  | 'auth'
  | 'not_found'
  | 'http'
  | 'parse'
  | 'config';

const RETRYABLE: Record<FetchErrorCode, boolean> = {
  network: true,
  timeout: true,
  rate_limited: true,
  server_error: true,
  too_large: false,
  too_many_redirects: false,
  private_address: false,
  bad_url: false,
  auth: false,
  not_found: false,
  http: false,
  parse: false,
  config: false,
};

/** A fetch or parse failure that says whether trying again later can help. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly retryable: boolean;
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly opts: { status?: number; retryAfterMs?: number; hint?: string } = {},
  ) {
    super(message);
    this.retryable = RETRYABLE[code];
  }
  get status(): number | undefined {
    return this.opts.status;
  }
  get retryAfterMs(): number | undefined {
    return this.opts.retryAfterMs;
  }
}

export interface HttpLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** true: any address; false: public addresses only; a list: public addresses plus these hosts/IPs. */
  allowPrivateHosts: boolean | string[];
  userAgent: string;
}

export function userAgent(contactUrl: string | undefined, version = '0.1'): string {
  return `Backlash/${version} (+${contactUrl ?? 'https://github.com/backlash/backlash'})`;
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; null when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - now) : null;
}

export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** Epoch ms when the window resets. */
  resetAt?: number;
  retryAfterAt?: number;
}

/**
 * Reads the common rate-limit headers. `X-RateLimit-Reset` is an ISO time on Mastodon, seconds
 * until reset on Reddit, and an epoch in seconds elsewhere: each is recognised by its shape.
 */
export function parseRateLimit(headers: Record<string, string>, now: number): RateLimitState | null {
  const num = (k: string) => {
    const v = headers[k];
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const limit = num('x-ratelimit-limit') ?? num('ratelimit-limit');
  const remaining = num('x-ratelimit-remaining') ?? num('ratelimit-remaining');
  const resetRaw = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'];
  let resetAt: number | undefined;
  if (resetRaw !== undefined) {
    const r = resetRaw.trim();
    if (/^\d+(\.\d+)?$/.test(r)) {
      const n = Number(r);
      // an epoch in seconds is > 1e9; anything smaller is seconds from now (Reddit, IETF draft)
      resetAt = n > 1e9 ? n * 1000 : now + n * 1000;
    } else {
      const t = Date.parse(r);
      if (Number.isFinite(t)) resetAt = t;
    }
  }
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (limit === undefined && remaining === undefined && resetAt === undefined && retryAfter === null) return null;
  const state: RateLimitState = {};
  if (limit !== undefined) state.limit = limit;
  if (remaining !== undefined) state.remaining = Math.floor(remaining);
  if (resetAt !== undefined) state.resetAt = Math.round(resetAt);
  if (retryAfter !== null) state.retryAfterAt = now + retryAfter;
  return state;
}

/** Turns a non-2xx/304 response into the FetchError that says what to do about it. */
export function statusError(res: HttpResponse, now: number, what = 'server'): FetchError {
  const s = res.status;
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now) ?? undefined;
  const snippet = bodySnippet(res);
  const tail = snippet ? `: ${snippet}` : '';
  if (s === 429) return new FetchError('rate_limited', `HTTP 429 Too Many Requests from ${what}${retryAfterMs !== undefined ? ` (Retry-After ${Math.round(retryAfterMs / 1000)}s)` : ''}`, { status: s, retryAfterMs });
  if (s >= 500) return new FetchError('server_error', `HTTP ${s} from ${what}${tail}`, { status: s, retryAfterMs });
  if (s === 401 || s === 403) return new FetchError('auth', `HTTP ${s} ${s === 401 ? 'Unauthorized' : 'Forbidden'} from ${what}${tail}`, { status: s });
  if (s === 404 || s === 410) return new FetchError('not_found', `HTTP ${s} from ${what}: check the source's URL or id`, { status: s });
  if (s === 408) return new FetchError('timeout', `HTTP 408 from ${what}`, { status: s });
  return new FetchError('http', `HTTP ${s} from ${what}${tail}`, { status: s });
}

function bodySnippet(res: HttpResponse): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(res.body.subarray(0, 300));
  return text.replace(/\s+/g, ' ').trim().slice(0, 160);
}

/** Decodes a body with the charset from Content-Type, the XML declaration or the BOM (UTF-8 by default). */
export function bodyText(res: Pick<HttpResponse, 'headers' | 'body'>): string {
  const body = res.body;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body);
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body);
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body);
  let charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(res.headers['content-type'] ?? '')?.[1];
  if (!charset) {
    const head = new TextDecoder('latin1').decode(body.subarray(0, 200));
    charset = /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  }
  return decodeBytes(body, charset ?? 'utf-8'); // by the WHATWG rules; an unknown label reads as UTF-8
}

export function parseJson(res: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(bodyText(res));
  } catch (err) {
    const type = res.headers['content-type'] ?? 'no content type';
    throw new FetchError('parse', `malformed JSON from ${what} (${type}): ${(err as Error).message.slice(0, 120)}`);
  }
}

/** Is this IP literal loopback, private, link-local, CGNAT, multicast or unspecified? */
export function isPrivateAddress(ip: string): boolean {
  const v = ip.replace(/^\[|\]$/g, '').toLowerCase();
  const m4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (m4) {
    const [a, b] = [Number(m4[1]), Number(m4[2])];
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224
    );
  }
  if (v.includes(':')) {
    if (v === '::' || v === '::1') return true;
    if (/^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(v)) {
      const [hi, lo] = v.slice(7).split(':').map((h) => parseInt(h, 16));
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return /^(fc|fd|fe[89ab]|ff)/.test(v) || v.startsWith('64:ff9b:') || v.startsWith('2001:db8');
  }
  return false;
}

export function isIpLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':');
}

/** Is this host (name or IP) explicitly allowed to be private by the config? */
export function privateAllowed(host: string, allow: HttpLimits['allowPrivateHosts']): boolean {
  if (allow === true) return true;
  if (allow === false) return false;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return allow.some((a) => a.toLowerCase().replace(/^\[|\]$/g, '') === h);
}

/** Checks a URL before any hop: http(s) only, and no private IP literal unless allowed. DNS names are checked at connect time. */
export function checkUrl(raw: string, allow: HttpLimits['allowPrivateHosts']): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchError('bad_url', `not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('bad_url', `only http and https URLs are fetched, not ${u.protocol}`);
  const host = u.hostname;
  if (isIpLiteral(host) && isPrivateAddress(host) && !privateAllowed(host, allow)) {
    throw new FetchError('private_address', `refused ${host}: a loopback, private or link-local address (set http.allowPrivateHosts to allow it)`);
  }
  if ((host === 'localhost' || host.endsWith('.localhost')) && !privateAllowed(host, allow) && !privateAllowed('127.0.0.1', allow)) {
    throw new FetchError('private_address', `refused ${host}: a loopback address (set http.allowPrivateHosts to allow it)`);
  }
  return u;
}

/** Request headers that carry nothing of the caller's: the only ones kept on a hop to another origin. */
const NEUTRAL_HEADERS = new Set(['accept', 'accept-language', 'accept-encoding', 'user-agent', 'content-type']);

/**
 * The headers for one hop of a redirect chain. Once a hop leaves the first request's origin
 * (scheme, host and port: an https → http downgrade counts), every header the caller set is dropped
 * for that hop and every later one, whatever its name: a source's configured headers (apikey,
 * X-Api-Key, Cookie, Authorization…), its tokens and its conditional validators. Only neutral
 * headers (Accept, User-Agent…) go on.
 */
export function headersForHop(headers: Record<string, string>, crossedOrigin: boolean): Record<string, string> {
  if (!crossedOrigin) return headers;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (NEUTRAL_HEADERS.has(k.toLowerCase())) out[k] = v;
  return out;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Adds If-None-Match / If-Modified-Since from the validators kept for a source. */
export function conditionalHeaders(state: { etag?: string | null; lastModified?: string | null }): Record<string, string> {
  const h: Record<string, string> = {};
  if (state.etag) h['if-none-match'] = state.etag;
  if (state.lastModified) h['if-modified-since'] = state.lastModified;
  return h;
}

/**
 * The one HTTP call of every message Backlash sends out: notification deliveries (deliver.ts) and
 * replies to customers (replies/publishers/http.ts). Over any fetch-compatible function (ctx.fetch,
 * global fetch on Node and Workers), with redirects followed by hand so each hop is checked:
 *
 * - one timeout for the whole exchange: every hop, and the answer's body;
 * - the answer's body is read up to `maxBytes` and no further (`tooLarge` says it was cut);
 * - a GET follows up to `maxRedirects` redirects; once a hop leaves the first request's origin
 *   (scheme, host and port: an https → http downgrade counts), every header the caller set —
 *   Authorization, tokens, idempotency keys, signatures — is dropped for that hop and every later
 *   one (feeds/http.ts headersForHop, the rule feeds use); only neutral headers (Accept, User-Agent,
 *   Content-Type) go on;
 * - a POST follows a 307 or 308 within its origin only: it is never sent to another origin (its
 *   body may hold credentials, e.g. a login), and a 301, 302 or 303 is not followed either (fetch
 *   would turn it into a GET without the body, and count that GET's answer as the POST's);
 * - failures are HttpSendError with a kind and a message that names the host and what happened.
 */
import { headersForHop, isRedirect } from '../feeds/http.js';

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** A real fetch's body stream, read with the size cap; text() is used when absent. */
  body?: ReadableStream<Uint8Array> | null;
}
/** The HTTP client deliveries and replies use: global fetch fits, so does any fetch-compatible function. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; redirect?: 'manual' }) => Promise<FetchResponseLike>;

export interface SendOptions {
  timeoutMs: number;
  /** Cap on the answer's body (default 2 MiB). */
  maxBytes?: number;
  /** Redirects a GET may follow (default 3). */
  maxRedirects?: number;
}

export interface HttpAnswer {
  status: number;
  /** The URL that answered, after redirects. */
  url: string;
  headers: { get(name: string): string | null };
  /** The body as text, at most maxBytes of it. */
  text: string;
  /** The body was longer than maxBytes and was cut. */
  tooLarge: boolean;
}

/** timeout and network may succeed later; a redirect we refuse to follow will not. */
export class HttpSendError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'redirect',
    message: string,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.kind !== 'redirect';
  }
}

export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function sendHttp(fetchFn: FetchLike, url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, opts: SendOptions): Promise<HttpAnswer> {
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const origin = new URL(url).origin;
  let current = url;
  let crossed = false;
  for (let hop = 0; ; hop++) {
    const res = await exchange(fetchFn, current, { method: init.method, headers: headersForHop(init.headers, crossed), body: init.body, signal, redirect: 'manual' }, opts.timeoutMs);
    const location = isRedirect(res.status) ? res.headers.get('location') : null;
    if (location === null) return { status: res.status, url: current, headers: res.headers, ...(await readCapped(res, opts.maxBytes ?? DEFAULT_MAX_BYTES, signal, opts.timeoutMs)) };
    await res.body?.cancel().catch(() => {});
    const next = nextHop(current, location, res.status);
    if (init.method !== 'GET') {
      if (res.status !== 307 && res.status !== 308) throw new HttpSendError('redirect', `${new URL(current).host} answered HTTP ${res.status} (to ${clip(next.href, 200)}): a ${init.method} is not followed there, as it would arrive as a GET without its body; configure the final URL`);
      if (next.origin !== origin) throw new HttpSendError('redirect', `${new URL(current).host} redirected a ${init.method} to another origin (${clip(next.origin, 120)}): not sent there, as it carries credentials or content meant for ${origin}; configure the final URL`);
    }
    if (hop >= maxRedirects) throw new HttpSendError('redirect', `more than ${maxRedirects} redirects from ${new URL(url).host}`);
    if (next.origin !== origin) crossed = true; // and stays so, even if a later hop comes back
    current = next.href;
  }
}

function nextHop(current: string, location: string, status: number): URL {
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new HttpSendError('redirect', `${new URL(current).host} answered HTTP ${status} with an invalid Location: ${clip(location, 200)}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new HttpSendError('redirect', `${new URL(current).host} redirected to a ${next.protocol} URL: only http and https are followed`);
  return next;
}

async function exchange(fetchFn: FetchLike, url: string, init: Parameters<FetchLike>[1], timeoutMs: number): Promise<FetchResponseLike> {
  try {
    return await fetchFn(url, init);
  } catch (err) {
    const e = err as Error;
    if (init.signal?.aborted || e.name === 'TimeoutError' || e.name === 'AbortError') throw new HttpSendError('timeout', `timeout after ${timeoutMs} ms`);
    throw new HttpSendError('network', `network: ${clip(String((e as { cause?: Error }).cause?.message ?? e.message), 200)}`);
  }
}

/** The body up to maxBytes; a body that stalls past the timeout is a timeout, one that breaks off a network error. */
async function readCapped(res: FetchResponseLike, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<{ text: string; tooLarge: boolean }> {
  if (!res.body) {
    const text = await res.text().catch(() => '');
    return text.length > maxBytes ? { text: text.slice(0, maxBytes), tooLarge: true } : { text, tooLarge: false };
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let text = '';
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text: text + decoder.decode(), tooLarge: false };
      const room = maxBytes - total;
      total += value.byteLength;
      if (value.byteLength > room) {
        await reader.cancel().catch(() => {});
        return { text: text + decoder.decode(value.subarray(0, room)), tooLarge: true };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (err) {
    if (signal.aborted) throw new HttpSendError('timeout', `timeout after ${timeoutMs} ms (reading the answer)`);
    throw new HttpSendError('network', `network: the answer broke off: ${clip((err as Error).message, 200)}`);
  }
}

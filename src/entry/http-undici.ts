/**
 * The Node HttpClient: undici with connect/headers/body timeouts and an overall deadline, a size cap
 * counted after decompression (gzip, deflate, brotli), manual redirects with the URL checked on every
 * hop, and a DNS guard that refuses loopback/private/link-local addresses at connect time (so a
 * hostname that resolves, or re-resolves, to 10.0.0.1 is refused too).
 */
import dns from 'node:dns';
import zlib from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { Agent, request } from 'undici';
import {
  FetchError,
  checkUrl,
  headersForHop,
  isPrivateAddress,
  isRedirect,
  privateAllowed,
  type HttpClient,
  type HttpLimits,
  type HttpRequest,
  type HttpResponse,
} from '../feeds/http.js';

type LookupCb = (err: NodeJS.ErrnoException | null, address?: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(allow: HttpLimits['allowPrivateHosts']) {
  return (hostname: string, options: dns.LookupOptions, cb: LookupCb) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address) && !privateAllowed(hostname, allow) && !privateAllowed(a.address, allow));
      if (bad) {
        const e = new Error(`refused ${hostname}: it resolves to ${bad.address}, a loopback, private or link-local address (set http.allowPrivateHosts to allow it)`) as NodeJS.ErrnoException;
        e.code = 'EPRIVATE';
        return cb(e);
      }
      if (options.all) return cb(null, list);
      cb(null, list[0].address, list[0].family);
    });
  };
}

function errCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

function mapError(err: unknown, url: string, deadlineHit: boolean): FetchError {
  if (err instanceof FetchError) return err;
  const code = errCode(err);
  const msg = (err as Error)?.message ?? String(err);
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (code === 'EPRIVATE') return new FetchError('private_address', ((err as { cause?: Error }).cause?.message ?? msg));
  if (deadlineHit || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'ETIMEDOUT')
    return new FetchError('timeout', `timed out fetching ${host}${code && !deadlineHit ? ` (${code})` : ''}`);
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_BROTLI_INVALID_PARAM' || /decompress|incorrect header check|invalid (block|distance)/i.test(msg))
    return new FetchError('parse', `corrupt compressed body from ${host}: ${msg}`);
  return new FetchError('network', `network error fetching ${host}: ${code ?? ''} ${msg}`.replace(/\s+/g, ' ').trim());
}

function decoderFor(encoding: string | undefined): Transform | null {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === 'gzip' || enc === 'x-gzip') return zlib.createGunzip();
  if (enc === 'deflate') return zlib.createInflate();
  if (enc === 'br') return zlib.createBrotliDecompress();
  return null;
}

async function readCapped(body: Readable, encoding: string | undefined, maxBytes: number, host: string): Promise<Uint8Array> {
  const decoder = decoderFor(encoding);
  let stream: Readable = body;
  if (decoder) {
    body.on('error', (e) => decoder.destroy(e));
    stream = body.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) throw new FetchError('too_large', `response from ${host} is over the ${maxBytes}-byte cap${decoder ? ' (after decompression)' : ''}`);
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (total > maxBytes) {
      discard(body);
      if (decoder) discard(decoder);
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

/** Drops a body we will not read; the abort it causes is expected, not an unhandled error. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export interface UndiciHttpClient extends HttpClient {
  close(): Promise<void>;
}

export function createUndiciHttpClient(limits: HttpLimits): UndiciHttpClient {
  const agent = new Agent({
    connect: { timeout: Math.min(limits.timeoutMs, 10_000), lookup: guardedLookup(limits.allowPrivateHosts) as never },
    headersTimeout: limits.timeoutMs,
    bodyTimeout: limits.timeoutMs,
    connections: 64,
  });
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? limits.timeoutMs;
      const maxBytes = req.maxBytes ?? limits.maxBytes;
      const controller = new AbortController();
      let deadlineHit = false;
      const timer = setTimeout(() => {
        deadlineHit = true;
        controller.abort();
      }, timeoutMs);
      let url = req.url;
      let method = req.method ?? 'GET';
      let body = req.body;
      let crossed = false;
      try {
        for (let hop = 0; ; hop++) {
          const u = checkUrl(url, limits.allowPrivateHosts);
          // never leak credentials to another origin: no header the caller set survives the first cross-origin hop
          if (hop > 0 && u.origin !== new URL(req.url).origin) crossed = true;
          const headers: Record<string, string> = headersForHop({ 'accept-encoding': 'gzip, deflate, br', 'user-agent': limits.userAgent, ...lowerKeys(req.headers) }, crossed);
          const res = await request(u, { dispatcher: agent, method, headers, body, signal: controller.signal });
          const h = flatHeaders(res.headers as Record<string, string | string[] | undefined>);
          if (isRedirect(res.statusCode) && h.location) {
            discard(res.body as unknown as Readable);
            if (hop >= limits.maxRedirects) throw new FetchError('too_many_redirects', `more than ${limits.maxRedirects} redirects from ${new URL(req.url).host}`);
            url = new URL(h.location, u).toString();
            if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
              method = 'GET';
              body = undefined;
            }
            continue;
          }
          const declared = Number(h['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes && !h['content-encoding']) {
            discard(res.body as unknown as Readable);
            throw new FetchError('too_large', `response from ${u.host} declares ${declared} bytes, over the ${maxBytes}-byte cap`);
          }
          const bytes = await readCapped(res.body as unknown as Readable, h['content-encoding'], maxBytes, u.host);
          return { status: res.statusCode, url: u.toString(), headers: h, body: bytes };
        }
      } catch (err) {
        throw mapError(err, url, deadlineHit);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => agent.close(),
  };
}

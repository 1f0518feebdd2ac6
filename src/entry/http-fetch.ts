/**
 * An HttpClient over the platform's fetch (Workers): the same limits as the Node client — timeout,
 * size cap, redirects followed by hand so every hop is checked — without undici. DNS names are not
 * resolved here (Workers cannot reach private networks anyway); IP literals are checked per hop.
 */
import { checkUrl, FetchError, headersForHop, isRedirect, type HttpClient, type HttpLimits, type HttpRequest, type HttpResponse } from '../feeds/http.js';

export function createFetchHttpClient(limits: HttpLimits, fetchImpl: typeof fetch = fetch): HttpClient {
  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? limits.timeoutMs;
      const maxBytes = req.maxBytes ?? limits.maxBytes;
      const signal = AbortSignal.timeout(timeoutMs);
      let url = req.url;
      let method = req.method ?? 'GET';
      let body = req.body;
      let crossed = false;
      for (let hop = 0; ; hop++) {
        const u = checkUrl(url, limits.allowPrivateHosts);
        if (hop > 0 && u.origin !== new URL(req.url).origin) crossed = true; // credentials never follow to another origin
        let res: Response;
        try {
          res = await fetchImpl(url, { method, body, redirect: 'manual', signal, headers: headersForHop({ 'user-agent': limits.userAgent, ...req.headers }, crossed) });
        } catch (err) {
          if (signal.aborted) throw new FetchError('timeout', `no answer from ${new URL(url).host} within ${timeoutMs} ms`);
          throw new FetchError('network', `${new URL(url).host}: ${(err as Error).message}`);
        }
        if (isRedirect(res.status) && res.headers.get('location')) {
          if (hop >= limits.maxRedirects) throw new FetchError('too_many_redirects', `more than ${limits.maxRedirects} redirects from ${req.url}`);
          url = new URL(res.headers.get('location')!, url).toString();
          if (res.status === 303) {
            method = 'GET';
            body = undefined;
          }
          await res.body?.cancel();
          continue;
        }
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
        return { status: res.status, url, headers, body: await readCapped(res, maxBytes, signal, timeoutMs) };
      }
    },
  };
}

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchError('too_large', `response of ${declared} bytes is over the ${maxBytes}-byte cap`);
  }
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FetchError('too_large', `response over the ${maxBytes}-byte cap`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if (signal.aborted) throw new FetchError('timeout', `body not read within ${timeoutMs} ms`);
    throw new FetchError('network', (err as Error).message);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * Every live response of the test suites checked against the OpenAPI document (issue 16): each app
 * a test builds with createApp answers `app.request()` as usual, and any /api response whose path,
 * status, media type or body the app's own /api/openapi.json does not describe fails the test that
 * made the request. Responses to paths that are no API route (a 404 for /api/nope) are only checked
 * to be the documented error shape. The app is the real one; only its request method is wrapped.
 */
import { vi } from 'vitest';
import type { Hono } from 'hono';
import { openApiChecker, type Checker } from '../helpers/openapi-check.js';

const CHECK = process.env.BACKLASH_CHECK_OPENAPI !== '0';

vi.mock('../../src/app.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/app.js')>();
  if (!CHECK) return actual;
  return { ...actual, createApp: (...args: Parameters<typeof actual.createApp>) => checked(actual.createApp(...args)) };
});

export const checkedResponses = { count: 0 };

function checked(app: Hono): Hono {
  const request = app.request;
  let checker: Checker | null = null;
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (request as (...a: unknown[]) => Promise<Response>)(input, init, ...rest);
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    if (!url.pathname.startsWith('/api/')) return res;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) return res; // a stream that does not end: its media type is checked by the stream's own test
    checker ??= openApiChecker((await (await request('/api/openapi.json')).json()) as never);
    const body = await res.clone().text();
    const problems = checker.check({ method, path: url.pathname, status: res.status, contentType, body });
    const shape = problems === null && !/^\{"error":\{"code":"[a-z_]+","message":"[^]*"\}\}$/.test(body) ? [`${method} ${url.pathname} ${res.status}: not an API route, and not the error shape: ${body.slice(0, 120)}`] : [];
    const all = [...(problems ?? []), ...shape];
    if (all.length) throw new Error(`response does not match the OpenAPI document:\n  ${all.join('\n  ')}`);
    checkedResponses.count++;
    return res;
  }) as Hono['request'];
  (app as { request: Hono['request'] }).request = wrapped;
  return app;
}

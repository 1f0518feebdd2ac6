/**
 * The one HTTP call publishers make, over the hardened call notifications use (notify/http.ts): a
 * timeout for the whole exchange, a cap on the answer's size, redirects followed by hand — a GET
 * that leaves the API's origin loses its Authorization and every other header of ours, a POST (a
 * login with a password in its body, a reply) is never sent to another origin — and errors that
 * say whether a retry may help.
 */
import type { PublishRequest } from '../types.js';
import { PublishError } from '../types.js';
import { clip } from '../../notify/message.js';
import { DEFAULT_MAX_BYTES, HttpSendError, sendHttp } from '../../notify/http.js';
import { askedWait } from '../../notify/retry.js';

export interface Answer {
  status: number;
  text: string;
  headers: { get(name: string): string | null };
  json<T = Record<string, unknown>>(): T;
  /** Wall-clock time of the request (a Retry-After date counts from it). */
  now: number;
}

export async function call(req: Pick<PublishRequest, 'fetch' | 'timeoutMs' | 'now'>, url: string, init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  let res;
  try {
    res = await sendHttp(req.fetch, url, { method: init.method, headers: { 'user-agent': 'Backlash-Replies/1', accept: 'application/json', ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) }, { timeoutMs: req.timeoutMs });
  } catch (err) {
    if (err instanceof HttpSendError) throw new PublishError(err.retryable, null, err.message);
    throw new PublishError(true, null, `network: ${clip((err as Error).message, 200)}`);
  }
  const { text, tooLarge, status } = res;
  return {
    status,
    text,
    headers: res.headers,
    now: req.now,
    json<T>() {
      if (tooLarge) throw new PublishError(false, status, `${new URL(res.url).host} answered HTTP ${status} with more than ${DEFAULT_MAX_BYTES} bytes: not read further`);
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PublishError(false, status, `${url}: expected JSON, got ${clip(text.replace(/\s+/g, ' '), 120)}`);
      }
    },
  };
}

/** An error for a non-2xx answer: 408, 425, 429 and 5xx may succeed later; other 4xx will not. */
export function failure(a: Answer, what: string): PublishError {
  const retryable = a.status === 408 || a.status === 425 || a.status === 429 || a.status >= 500;
  return new PublishError(retryable, a.status, `${what}: HTTP ${a.status}: ${clip(a.text.replace(/\s+/g, ' '), 200)}`, askedWait(a.status, a.headers, a.text, a.now));
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
export const base = (u: unknown, fallback: string): string => (str(u) ?? fallback).replace(/\/+$/, '');

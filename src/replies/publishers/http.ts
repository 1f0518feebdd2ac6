/** The one HTTP call publishers make: a timeout, errors that say whether a retry may help. */
import type { PublishRequest } from '../types.js';
import { PublishError } from '../types.js';
import { clip } from '../../notify/message.js';
import { parseRetryAfter } from '../../notify/deliver.js';

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
    res = await req.fetch(url, { method: init.method, headers: { 'user-agent': 'Backlash-Replies/1', accept: 'application/json', ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}), signal: AbortSignal.timeout(req.timeoutMs) });
  } catch (err) {
    const e = err as Error;
    const timeout = e.name === 'TimeoutError' || e.name === 'AbortError';
    throw new PublishError(true, null, timeout ? `timeout after ${req.timeoutMs} ms` : `network: ${clip(String((e as { cause?: Error }).cause?.message ?? e.message), 200)}`);
  }
  const text = await res.text().catch(() => '');
  return {
    status: res.status,
    text,
    headers: res.headers,
    now: req.now,
    json<T>() {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new PublishError(false, res.status, `${url}: expected JSON, got ${clip(text.replace(/\s+/g, ' '), 120)}`);
      }
    },
  };
}

/** An error for a non-2xx answer: 408, 425, 429 and 5xx may succeed later; other 4xx will not. */
export function failure(a: Answer, what: string): PublishError {
  const retryable = a.status === 408 || a.status === 425 || a.status === 429 || a.status >= 500;
  const after = a.status === 429 || a.status === 503 ? (parseRetryAfter(a.headers.get('retry-after'), a.text, a.now) ?? undefined) : undefined;
  return new PublishError(retryable, a.status, `${what}: HTTP ${a.status}: ${clip(a.text.replace(/\s+/g, ' '), 200)}`, after);
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
export const base = (u: unknown, fallback: string): string => (str(u) ?? fallback).replace(/\/+$/, '');

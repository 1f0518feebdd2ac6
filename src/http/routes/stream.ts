/**
 * Server-sent events for the live dashboard: every revolt, post, queue and source message on the
 * bus, as `event: <topic>` with `{ id, type, at }`. Clients fetch what changed through the API, so
 * the stream carries no post text and needs no escaping.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../../context.js';
import type { BusMessage } from '../../util/event-bus.js';
import { z } from 'zod';
import { describe } from '../openapi/registry.js';

export const KEEPALIVE_MS = 15_000;

describe('GET', '/api/stream', { summary: 'Live updates as server-sent events (revolt, post, queue, source)', description: 'Each event is named after its topic; data is JSON { id, type, at }. The first event is `ready` with { at }.', tags: ['live'], contentType: 'text/event-stream', response: z.string().describe('an event stream') });

export function streamRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      const pending: BusMessage[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = ctx.bus.subscribe((m) => {
        pending.push(m);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ at: ctx.clock.now() }) });
      try {
        while (!stream.aborted && !stream.closed) {
          while (pending.length) {
            const m = pending.shift()!;
            await stream.writeSSE({ event: m.topic, data: JSON.stringify({ id: m.id, type: m.type ?? null, at: m.at }) });
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, KEEPALIVE_MS);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
          wake = null;
          if (!pending.length && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
      } finally {
        unsubscribe();
      }
    }),
  );
  return api;
}

/**
 * What polling needs from the runtime, passed in rather than imported: an HTTP client, a queue that
 * caps concurrency per host under a global cap (p-queue on Node), and randomness for jitter.
 */
import type { HttpClient, HttpLimits } from './http.js';
import { userAgent } from './http.js';
import type { Config } from '../config/config.js';

export interface TaskQueue {
  /** Runs `task` when both the host's and the global limits allow. */
  add<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is queued or running. */
  onIdle(): Promise<void>;
}

export interface FeedRuntime {
  http: HttpClient;
  limits: HttpLimits;
  queue: TaskQueue;
  /** [0, 1): jitter source; Math.random when absent. */
  random?: () => number;
}

export function httpLimitsFromConfig(config: Pick<Config, 'http'>): HttpLimits {
  return {
    timeoutMs: config.http.timeout,
    maxBytes: config.http.maxBytes,
    maxRedirects: config.http.maxRedirects,
    allowPrivateHosts: config.http.allowPrivateHosts,
    userAgent: userAgent(config.http.contactUrl),
  };
}

/** A plain-promise queue with the same caps (no interval cap): for runtimes without p-queue. */
export function createSimpleQueue(opts: { concurrency: number; perHost: number }): TaskQueue {
  let running = 0;
  const perHost = new Map<string, number>();
  const waiting: { host: string; start: () => void }[] = [];
  let idle: (() => void)[] = [];
  const pump = () => {
    for (let i = 0; i < waiting.length && running < opts.concurrency; ) {
      const w = waiting[i];
      if ((perHost.get(w.host) ?? 0) < opts.perHost) {
        waiting.splice(i, 1);
        w.start();
      } else i++;
    }
    if (running === 0 && waiting.length === 0) {
      const fns = idle;
      idle = [];
      for (const f of fns) f();
    }
  };
  return {
    add<T>(host: string, task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          host,
          start: () => {
            running++;
            perHost.set(host, (perHost.get(host) ?? 0) + 1);
            task()
              .then(resolve, reject)
              .finally(() => {
                running--;
                perHost.set(host, (perHost.get(host) ?? 1) - 1);
                pump();
              });
          },
        });
        pump();
      });
    },
    onIdle: () => (running === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((r) => idle.push(r))),
  };
}

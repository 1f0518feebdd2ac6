/**
 * The main thread's side of the detection thread (src/entry/detect-worker.ts): a scheduler job
 * whose tick asks the thread to run one detection tick and waits for its summary. A thread that
 * dies is started again on the next tick; its shards' leases are still this instance's, so the new
 * thread takes them back at once and rebuilds their engines from the store.
 */
import { Worker } from 'node:worker_threads';
import type { AppContext } from '../context.js';
import type { Job } from '../jobs/scheduler.js';
import type { DetectThreadSetup, FromThread, ToThread } from './detect-worker.js';

export interface DetectThreadJob extends Job {
  close(): Promise<void>;
}

type Waiting = Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;

/** Starts the detection thread's worker, from source (tsx) or from the build. */
function spawnWorker(setup: DetectThreadSetup): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './detect-worker.ts' : './detect-worker.js', import.meta.url);
  // from source (tsx), the thread registers tsx's loader itself: on Node 20 `--import` in a worker's execArgv does not
  const boot = fromSource ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });` : null;
  return boot ? new Worker(boot, { eval: true, workerData: setup }) : new Worker(url, { workerData: setup });
}

/** Settles the tick waiting on this reply. */
function settle(waiting: Waiting, m: Extract<FromThread, { seq: number }>): void {
  const p = waiting.get(m.seq);
  waiting.delete(m.seq);
  if (m.error !== undefined) p?.reject(new Error(m.error));
  else p?.resolve(m.result);
}

/** Fails every tick still waiting on a thread that has gone. */
function rejectAll(waiting: Waiting, why: string): void {
  for (const [k, p] of waiting) {
    waiting.delete(k);
    p.reject(new Error(why));
  }
}

export function detectThreadJob(ctx: AppContext, everyMs: number, setup: DetectThreadSetup): DetectThreadJob {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let seq = 0;
  const waiting: Waiting = new Map();
  let onStopped: (() => void) | null = null;

  const start = (): Promise<void> => {
    const w = spawnWorker(setup);
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.on('message', (m: FromThread) => {
        if ('ready' in m) resolve();
        else if ('fatal' in m) reject(new Error(`detection thread failed to start: ${m.fatal}`));
        else if ('bus' in m) ctx.bus.publish(m.bus);
        else if ('stopped' in m) onStopped?.();
        else if ('seq' in m) settle(waiting, m);
      });
      const gone = (why: string) => {
        if (worker === w) {
          worker = null;
          ready = null;
        }
        reject(new Error(why));
        rejectAll(waiting, why);
        onStopped?.();
      };
      w.on('error', (err) => gone(`detection thread error: ${err.message}`));
      w.on('exit', (code) => gone(`detection thread exited (${code})`));
    });
    ready.catch(() => {});
    return ready;
  };

  return {
    name: 'detect-revolts',
    everyMs,
    async tick() {
      if (!worker) await start();
      else await ready;
      const w = worker!;
      const n = ++seq;
      const result = new Promise<unknown>((resolve, reject) => waiting.set(n, { resolve, reject }));
      w.postMessage({ tick: n, now: ctx.clock.now() } satisfies ToThread);
      return result;
    },
    async close() {
      const w = worker;
      if (!w) return;
      const stopped = new Promise<void>((r) => (onStopped = r));
      w.postMessage({ stop: true } satisfies ToThread);
      const timer = setTimeout(() => void w.terminate(), 10_000);
      await stopped;
      clearTimeout(timer);
      await w.terminate().catch(() => 0);
      worker = null;
    },
  };
}

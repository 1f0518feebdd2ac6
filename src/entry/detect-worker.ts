/**
 * The detection thread (Node): runs the sharded revolt detector (src/jobs/detect-shards.ts) on a
 * database connection of its own, so a tick that feeds tens of thousands of verdicts to the engine
 * never blocks the event loop that answers pushes, polls and the dashboard. The main thread sends
 * `{ tick, now }` on the job's schedule and gets the tick's summary back; bus messages (revolt and
 * queue updates for the live dashboard) are posted to the main thread, which publishes them.
 */
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { AppContext } from '../context.js';
import type { Config } from '../config/config.js';
import { ShardedDetector } from '../jobs/detect-shards.js';
import { createLogger } from '../util/log.js';
import { openDb } from './open-db.js';
import { loadNodeRouting } from './routing-node.js';
import { PROJECT_ROOT } from './project-root.js';
import { startMemoryLog } from './memory-log.js';

export interface DetectThreadSetup {
  config: Config;
  sqlitePath: string;
  databaseUrl?: string;
  instanceId: string;
  logLevel: string;
}

export type ToThread = { tick: number; now: number } | { stop: true };
export type FromThread =
  | { ready: true }
  | { fatal: string }
  | { seq: number; result?: unknown; error?: string }
  | { bus: import('../util/event-bus.js').BusMessage }
  | { stopped: true };

/** The detection thread's nice value (0 = the process's own, 19 = lowest). */
const DETECT_NICE = 10;
const port = parentPort!;
const setup = workerData as DetectThreadSetup;
const post = (m: FromThread) => port.postMessage(m);

async function main(): Promise<void> {
  // Linux nice values are per thread: this lowers the detection thread only, so on a crowded
  // machine ingest gets the CPU first and detection falls behind (and catches up) instead
  try {
    os.setPriority(DETECT_NICE);
  } catch {
    // not permitted here: run at the process's priority
  }
  const log = createLogger({ level: setup.logLevel as never, base: { thread: 'detect' } });
  const opened = await openDb({ databaseUrl: setup.databaseUrl, sqlitePath: setup.sqlitePath, onIdleError: (err) => log.warn('database connection dropped; reconnecting on next use', { error: err.message }) });
  const routing = loadNodeRouting(path.join(PROJECT_ROOT, 'rules'), setup.config.notifications.channels.map((c) => c.id));
  // the service clock as the main thread last read it, moving with the wall clock between ticks
  let last = { now: Date.now(), wall: Date.now() };
  const ctx: AppContext = {
    config: setup.config,
    db: opened.db,
    dialect: opened.dialect,
    clock: { now: () => last.now + (Date.now() - last.wall) },
    log,
    classifier: () => {
      throw new Error('the detection thread does not classify');
    },
    bus: { publish: (msg) => post({ bus: msg }), subscribe: () => () => {} },
    instanceId: setup.instanceId,
    routing: () => routing,
  };
  const detector = new ShardedDetector(ctx, { ttlMs: setup.config.cluster.leaseTtl });
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (m: ToThread) => {
    if ('tick' in m) {
      queue = queue.then(async () => {
        last = { now: m.now, wall: Date.now() };
        try {
          const r = await detector.tick(m.now);
          post({ seq: m.tick, result: { shards: r.shards, taken: r.taken, released: r.released, members: r.members, fed: r.fed, events: r.events.length } });
        } catch (err) {
          post({ seq: m.tick, error: (err as Error).message });
        }
      });
    } else if ('stop' in m) {
      queue = queue.then(async () => {
        await detector.releaseAll().catch(() => {}); // a clean stop hands the shards over at once
        await opened.close().catch(() => {});
        post({ stopped: true });
        port.close();
      });
    }
  });
  const memoryLog = startMemoryLog(log, process.env.BACKLASH_LOG_MEMORY_MS);
  port.once('close', () => memoryLog && clearInterval(memoryLog));
  post({ ready: true });
}

main().catch((err: Error) => post({ fatal: err.message }));

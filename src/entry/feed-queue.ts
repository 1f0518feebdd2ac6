/** The Node TaskQueue: one p-queue per host (concurrency and requests-per-minute caps) under a global p-queue. */
import PQueue from 'p-queue';
import type { TaskQueue } from '../feeds/runtime.js';

export function createPQueueTaskQueue(opts: { concurrency: number; perHost: number; perHostPerMinute: number }): TaskQueue {
  const global = new PQueue({ concurrency: opts.concurrency });
  const hosts = new Map<string, PQueue>();
  const hostQueue = (host: string) => {
    let q = hosts.get(host);
    if (!q) {
      q = new PQueue({ concurrency: opts.perHost, intervalCap: opts.perHostPerMinute, interval: 60_000 });
      hosts.set(host, q);
    }
    return q;
  };
  return {
    add<T>(host: string, task: () => Promise<T>): Promise<T> {
      // the host slot is taken first, so one busy host cannot fill the global cap with waiting work
      return hostQueue(host).add(() => global.add(task)) as Promise<T>;
    },
    async onIdle() {
      await Promise.all([...hosts.values()].map((q) => q.onIdle()));
      await global.onIdle();
    },
  };
}

/**
 * Runs tick functions on intervals, one at a time each (a slow tick is never overlapped by the next),
 * and waits for in-flight ticks on stop: SIGTERM finishes the work it started.
 */
import type { Logger } from '../util/log.js';

export interface Job {
  name: string;
  everyMs: number;
  tick(): Promise<unknown>;
  /** Waits for work the job started outside its ticks (polls in flight): graceful shutdown. */
  drain?(): Promise<void>;
}

export class Scheduler {
  private timers: ReturnType<typeof setInterval>[] = [];
  private running = new Map<string, Promise<unknown>>();
  private stopped = false;
  private jobs: Job[] = [];
  constructor(private readonly log: Logger) {}

  start(jobs: Job[]): void {
    this.jobs.push(...jobs);
    for (const job of jobs) {
      const run = () => {
        if (this.stopped || this.running.has(job.name)) return;
        const p = job
          .tick()
          .catch((err: Error) => this.log.error('job failed', { job: job.name, error: err.message }))
          .finally(() => this.running.delete(job.name));
        this.running.set(job.name, p);
      };
      this.timers.push(setInterval(run, job.everyMs));
      setTimeout(run, 0);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.running.values()]);
    await Promise.allSettled(this.jobs.map((j) => j.drain?.()));
  }
}

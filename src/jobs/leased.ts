/**
 * Jobs that must run on one instance at a time when several share a database.
 *
 * Revolt detection keeps an engine in memory, rebuilt from the store on its first tick. Two
 * instances each running it would each open the same revolt, so one instance holds the
 * `detect-revolts` lease and renews it every tick; when it dies the lease runs out and another
 * takes over. An instance that did not hold the lease continuously rebuilds its engine from the
 * store first (the other holder may have opened or moved revolts meanwhile), so nothing is
 * announced twice. Lease times are wall-clock (Date.now), not the service clock: the demo's
 * accelerated clock must not expire leases between ticks.
 */
import type { AppContext } from '../context.js';
import type { Job } from './scheduler.js';
import { acquireLease, releaseLease, renewLease, type Lease } from '../store/leases.js';
import { detectRevolts, dropEngine } from '../revolts/detect.js';

export const DETECT_LEASE = 'detect-revolts';

export interface LeasedJobOptions {
  /** Give the lease back after each tick (Workers: isolates come and go; a cron may land anywhere). */
  releaseAfterTick?: boolean;
  /** Lease length; default 3 ticks, at least 30 s. */
  ttlMs?: number;
  now?: () => number;
}

export function leasedDetectJob(ctx: AppContext, everyMs: number, opts: LeasedJobOptions = {}): Job {
  const ttl = opts.ttlMs ?? Math.max(3 * everyMs, 30_000);
  const wall = opts.now ?? (() => Date.now());
  let held: Lease | null = null;
  return {
    name: 'detect-revolts',
    everyMs,
    async tick() {
      const continuous = held !== null && (await renewLease(ctx.db, held, ttl, wall()));
      if (!continuous) {
        held = await acquireLease(ctx.db, DETECT_LEASE, ctx.instanceId, ttl, wall());
        if (!held) return { skipped: 'another instance holds the detect-revolts lease' };
        dropEngine(ctx); // rebuild from the store: another holder may have changed revolts
      }
      try {
        return await detectRevolts(ctx, ctx.clock.now());
      } finally {
        if (opts.releaseAfterTick && held) {
          await releaseLease(ctx.db, held).catch(() => {});
          held = null;
        }
      }
    },
  };
}

/**
 * The polling scheduler: each tick picks the sources that are due and hands them to the task queue
 * (per-host and global caps) without waiting, so one slow source never holds back the others.
 * `drain()` waits for the polls in flight (shutdown, tests).
 */
import type { AppContext } from '../context.js';
import { isSourceType, SOURCES, SOURCE_TYPES } from './sources/index.js';
import { pollSource, type PollOutcome } from './poll.js';
import type { FeedRuntime } from './runtime.js';

export const TICK_BATCH = 100;

const POLLED_TYPES = SOURCE_TYPES.filter((t) => SOURCES[t].fetch);
/** The queue key of a source: the host its requests go to, as the source itself declares it. */
export function sourceHost(type: string, configJson: string): string {
  if (!isSourceType(type)) return type;
  let raw: unknown;
  try {
    raw = JSON.parse(configJson);
  } catch {
    raw = null;
  }
  const parsed = SOURCES[type].schema.safeParse(raw ?? {});
  // a config that does not parse fails in pollSource, with the reason on the source
  if (!parsed.success) return type;
  return SOURCES[type].hosts(parsed.data)[0] ?? type;
}

export interface FeedPoller {
  tick(): Promise<number>;
  drain(): Promise<PollOutcome[]>;
  readonly inFlight: number;
}

export function createFeedPoller(ctx: AppContext, rt: FeedRuntime): FeedPoller {
  const inFlight = new Map<string, Promise<PollOutcome | null>>();
  return {
    get inFlight() {
      return inFlight.size;
    },
    async tick() {
      const now = ctx.clock.now();
      const due = await ctx.db
        .selectFrom('sources')
        .select(['id', 'type', 'config'])
        .where('enabled', '=', 1)
        .where('type', 'in', POLLED_TYPES)
        .where('next_poll_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_poll_at')
        .limit(TICK_BATCH)
        .execute();
      let n = 0;
      for (const s of due) {
        if (inFlight.has(s.id)) continue;
        const p = rt.queue
          .add(sourceHost(s.type, s.config), () => pollSource(ctx, rt, s.id))
          .catch((err: Error) => {
            ctx.log.error('poll crashed', { source: s.id, error: err.message });
            return null;
          })
          .finally(() => inFlight.delete(s.id));
        inFlight.set(s.id, p);
        n++;
      }
      return n;
    },
    async drain() {
      const out: PollOutcome[] = [];
      while (inFlight.size) for (const r of await Promise.all([...inFlight.values()])) if (r) out.push(r);
      return out;
    },
  };
}

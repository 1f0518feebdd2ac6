import type { Logger } from '../util/log.js';
/** BACKLASH_LOG_MEMORY_MS=N: log this thread's memory every N ms (the soak bench reads it). */
export function startMemoryLog(log: Logger, every: string | undefined): ReturnType<typeof setInterval> | null {
  const ms = Number(every ?? 0);
  if (!(ms > 0)) return null;
  const mb = (n: number) => Math.round(n / 1048576);
  const t = setInterval(() => {
    const m = process.memoryUsage();
    log.info('memory', { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external) });
  }, ms);
  t.unref();
  return t;
}

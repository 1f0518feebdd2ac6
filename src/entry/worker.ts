/**
 * The Cloudflare Workers runtime: D1 for the store (same migrations), Cron Triggers for the job
 * ticks, a Queue for deliveries, rules bundled as text at build time (no file system).
 *
 *   fetch     → createApp(ctx)
 *   scheduled → every job of src/jobs/index.ts once (each one bounded batch), then one Queue
 *               message per due outbox row
 *   queue     → the delivery tick, woken by those messages (rows are claimed, so a duplicate
 *               message or a parallel consumer never delivers a row twice at once)
 */
import { Kysely } from 'kysely';
import { createApp } from '../app.js';
import { buildConfig, type Config } from '../config/config.js';
import type { AppContext } from '../context.js';
import { RecentTexts } from '../ingest/recent-texts.js';
import type { DB } from '../store/schema.js';
import { migrateToLatest } from '../store/migrate.js';
import { syncTargets } from '../store/targets.js';
import { serviceJobs } from '../jobs/index.js';
import { systemClock } from '../util/clock.js';
import { createLogger } from '../util/log.js';
import { createEventBus } from '../util/event-bus.js';
import { newId } from '../util/ids.js';
import { bootstrapFirstAdmin, firstStartMessage } from '../auth/bootstrap.js';
import { D1Dialect, type D1Like } from './d1-dialect.js';
import { loadWorkerClassifier } from './classifier-worker.js';
import { createFetchHttpClient } from './http-fetch.js';
import { createSimpleQueue, httpLimitsFromConfig } from '../feeds/runtime.js';

export interface WorkerEnv {
  DB: D1Like;
  /** Queue producer for deliveries (optional: without it the cron tick delivers inline). */
  DELIVERIES?: { sendBatch(msgs: { body: unknown }[]): Promise<void> };
  /** The config file's YAML text (a var or a secret), since a Worker has no file system. */
  BACKLASH_CONFIG_YAML?: string;
  LOG_LEVEL?: string;
}

interface ScheduledEventLike {
  cron: string;
  scheduledTime: number;
}
interface ExecutionContextLike {
  waitUntil(p: Promise<unknown>): void;
}
interface MessageBatchLike {
  messages: { body: unknown; ack(): void; retry(): void }[];
}

/** Names of the jobs that the Queue consumer runs instead of the cron tick, when a Queue is bound. */
const DELIVERY_JOBS = new Set(['deliver', 'deliver-outbox']);
const ENQUEUE_BATCH = 100;

let ready: Promise<AppContext> | null = null;
let app: ReturnType<typeof createApp> | null = null;

export function workerConfig(env: WorkerEnv): Config {
  const yaml = env.BACKLASH_CONFIG_YAML ?? '';
  const config = buildConfig({ LOG_LEVEL: env.LOG_LEVEL }, { readFile: (p) => (p === 'backlash.config.yaml' && yaml.trim() ? yaml : null) });
  return { ...config, demoEnabled: false }; // the demo stream lives on disk: Node only
}

/** One context per isolate; migrations and target sync run once, on the first event. */
export function workerContext(env: WorkerEnv): Promise<AppContext> {
  ready ??= (async () => {
    const config = workerConfig(env);
    const db = new Kysely<DB>({ dialect: new D1Dialect(env.DB) });
    await migrateToLatest(db);
    const classifier = loadWorkerClassifier();
    const limits = httpLimitsFromConfig(config);
    const ctx: AppContext = {
      config,
      db,
      dialect: 'd1',
      clock: systemClock,
      log: createLogger({ level: config.logLevel }),
      classifier: () => classifier,
      bus: createEventBus(),
      instanceId: newId('worker-'),
      recentTexts: new RecentTexts(),
      // polling from Cron Triggers: fetch-based client, a plain-promise per-host queue (no p-queue)
      feeds: { http: createFetchHttpClient(limits), limits, queue: createSimpleQueue({ concurrency: config.polling.concurrency, perHost: config.polling.perHost }) },
    };
    await syncTargets(ctx, config.targets);
    // first start: one admin key, shown once in the logs (`wrangler tail`), as the Node entry prints it
    const made = await bootstrapFirstAdmin(ctx, Date.now());
    if (made) ctx.log.warn(firstStartMessage(config.server.publicUrl ?? 'https://<your worker>', made));
    return ctx;
  })().catch((err) => {
    ready = null; // a failed cold start is retried by the next event
    throw err;
  });
  return ready;
}

async function runJobs(ctx: AppContext, env: WorkerEnv): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  for (const job of serviceJobs(ctx, { releaseLeases: true })) {
    if (env.DELIVERIES && DELIVERY_JOBS.has(job.name)) continue;
    try {
      results[job.name] = await job.tick();
    } catch (err) {
      ctx.log.error('job failed', { job: job.name, error: (err as Error).message });
      results[job.name] = { error: (err as Error).message };
    }
  }
  if (env.DELIVERIES) results.enqueued = await enqueueDueDeliveries(ctx, env.DELIVERIES);
  return results;
}

/** One Queue message per due outbox row; the consumer's claim makes duplicates harmless. */
export async function enqueueDueDeliveries(ctx: AppContext, queue: NonNullable<WorkerEnv['DELIVERIES']>): Promise<number> {
  const due = await ctx.db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', ctx.clock.now())
    .orderBy('next_attempt_at')
    .limit(ENQUEUE_BATCH)
    .execute();
  if (due.length) await queue.sendBatch(due.map((r) => ({ body: { outboxId: r.id } })));
  return due.length;
}

async function runDeliveries(ctx: AppContext): Promise<unknown> {
  const job = serviceJobs(ctx).find((j) => DELIVERY_JOBS.has(j.name));
  if (!job) {
    ctx.log.warn('a delivery message arrived but no delivery job is registered in src/jobs/index.ts');
    return null;
  }
  return job.tick();
}

export default {
  async fetch(req: Request, env: WorkerEnv, ectx: ExecutionContextLike): Promise<Response> {
    const ctx = await workerContext(env);
    app ??= createApp(ctx, { clientAddress: (c) => c.req.header('cf-connecting-ip') ?? null });
    return app.fetch(req, env, ectx as never);
  },

  async scheduled(event: ScheduledEventLike, env: WorkerEnv, ectx: ExecutionContextLike): Promise<void> {
    const ctx = await workerContext(env);
    const work = runJobs(ctx, env).then((r) => ctx.log.info('cron tick', { cron: event.cron, ...r }));
    ectx.waitUntil(work);
    await work;
  },

  async queue(batch: MessageBatchLike, env: WorkerEnv): Promise<void> {
    const ctx = await workerContext(env);
    try {
      await runDeliveries(ctx);
      for (const m of batch.messages) m.ack();
    } catch (err) {
      ctx.log.error('delivery batch failed', { error: (err as Error).message });
      for (const m of batch.messages) m.retry();
    }
  },
};

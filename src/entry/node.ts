/**
 * The Node runtime: wires real parts (config from env + file, better-sqlite3 or PostgreSQL,
 * @hono/node-server, timers) into an AppContext and starts the service.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from '../app.js';
import { type Config, type Env } from '../config/config.js';
import type { AppContext } from '../context.js';
import { RecentTexts } from '../ingest/recent-texts.js';
import { migrateToLatest } from '../store/migrate.js';
import { syncTargets } from '../store/targets.js';
import { processPosts } from '../pipeline/process.js';
import { detectEvery, serviceJobs } from '../jobs/index.js';
import { detectThreadJob, type DetectThreadJob } from './detect-thread.js';
import { Scheduler, type Job } from '../jobs/scheduler.js';
import { AcceleratedClock, systemClock, type Clock } from '../util/clock.js';
import { createLogger, type Logger } from '../util/log.js';
import { createEventBus } from '../util/event-bus.js';
import { createPgEventBus, type PgEventBus } from './pg-notify.js';
import { DEMO_TARGETS, DemoStream, parseDemoStream, registerDemoSources } from '../demo/demo.js';
import { openDb } from './open-db.js';
import { readConfig } from './read-config.js';

export { readConfig };
import { PROJECT_ROOT } from './project-root.js';
import { loadNodeRouting } from './routing-node.js';
import { loadNodeClassifier } from './classifier-node.js';
import { announceFirstStart, nodeClientAddress, ruleFilesReader } from './access-node.js';
import { createUndiciHttpClient, type UndiciHttpClient } from './http-undici.js';
import { createPQueueTaskQueue } from './feed-queue.js';
import { httpLimitsFromConfig, type FeedRuntime } from '../feeds/runtime.js';
import { startMemoryLog } from './memory-log.js';

/** Polling parts for Node: undici client with the configured limits, p-queue per host under a global cap. */
export function nodeFeedRuntime(config: Config): FeedRuntime {
  const limits = httpLimitsFromConfig(config);
  return { http: createUndiciHttpClient(limits), limits, queue: createPQueueTaskQueue(config.polling) };
}

export { PROJECT_ROOT };

export interface RunningService {
  ctx: AppContext;
  port: number;
  url: string;
  stop(): Promise<void>;
}


/** The demo gets a fresh database of its own on each start unless BACKLASH_DB or DATABASE_URL says otherwise. */
function demoDbPath(config: Config, env: Env): string {
  if (!config.demoEnabled || env.BACKLASH_DB || config.databaseUrl) return config.sqlitePath;
  const file = path.join('data', 'demo.db');
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  return file;
}

async function loadWatchedClassifier(log: Logger) {
  return loadNodeClassifier({
    watch: true,
    onReload: (version) => log.info('rules reloaded', { version }),
    onReloadError: (err) => log.error('rule reload failed; keeping the last good rules', { error: err.message }),
  });
}

/** The demo's targets and sources, and the job that feeds its stream in at the demo clock's pace. */
async function demoFeedJob(ctx: AppContext, demoItems: ReturnType<typeof parseDemoStream>): Promise<Job> {
  await syncTargets(ctx, DEMO_TARGETS);
  await registerDemoSources(ctx, demoItems);
  const stream = new DemoStream(demoItems, ctx.clock.now());
  return { name: 'demo-feed', everyMs: 1_000, tick: () => processPosts(ctx, stream.due(ctx.clock.now())) };
}

type NodeServer = ReturnType<typeof createAdaptorServer>;

/** Listens on `port` (0: any free port); resolves with the port taken. */
async function listen(server: NodeServer, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is already in use: stop the other process or set PORT to a free port`) : err),
    );
    server.listen(port, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: NodeServer): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  });
}

/** Stops the service's parts in order: the server first (no new work), the database last. */
async function stopService(steps: (() => unknown)[]): Promise<void> {
  for (const step of steps) await step();
}

type NodeContextParts = Pick<AppContext, 'clock' | 'log' | 'bus' | 'instanceId'> & {
  config: Config;
  sqlitePath: string;
  opened: Awaited<ReturnType<typeof openDb>>;
  classifier: ReturnType<AppContext['classifier']>;
  routing: ReturnType<NonNullable<AppContext['routing']>>;
};

/** The service's AppContext over the opened database, with Node's feed runtime and rule files. */
function nodeContext(p: NodeContextParts): AppContext {
  const { config, sqlitePath, opened, classifier, routing } = p;
  return {
    config: { ...config, sqlitePath },
    db: opened.db,
    dialect: opened.dialect,
    clock: p.clock,
    log: p.log,
    classifier: () => classifier,
    bus: p.bus,
    instanceId: p.instanceId,
    feeds: nodeFeedRuntime(config),
    recentTexts: new RecentTexts(),
    routing: () => routing,
    ruleFiles: ruleFilesReader(path.join(PROJECT_ROOT, 'rules')),
  };
}

/** Detection in a thread of its own when configured (not for the demo's in-memory-sized database and accelerated clock). */
function maybeDetectThread(ctx: AppContext, env: Env): DetectThreadJob | null {
  const { config, instanceId } = ctx;
  const sqlitePath = config.sqlitePath;
  return config.cluster.detectThread && !config.demoEnabled && sqlitePath !== ':memory:'
    ? detectThreadJob(ctx, detectEvery(ctx), { config: ctx.config, sqlitePath, databaseUrl: config.databaseUrl, instanceId, logLevel: (env.LOG_LEVEL as string) ?? 'info' })
    : null;
}

export async function startNode(env: Env, log: Logger = createLogger({ level: (env.LOG_LEVEL as never) ?? 'info' })): Promise<RunningService> {
  const config = readConfig(env);
  const sqlitePath = demoDbPath(config, env);
  const opened = await openDb({ databaseUrl: config.databaseUrl, sqlitePath, onIdleError: (err) => log.warn('database connection dropped; reconnecting on next use', { error: err.message }) });
  let stopped = false;
  let pgBus: PgEventBus | null = null;
  let closeClassifier: (() => void) | null = null;
  let detectThread: DetectThreadJob | null = null;
  try {
    await migrateToLatest(opened.db);
    const classifier = await loadWatchedClassifier(log);
    closeClassifier = () => classifier.close();
    const routing = loadNodeRouting(path.join(PROJECT_ROOT, 'rules'), config.notifications.channels.map((c) => c.id));
    const demoItems = config.demoEnabled ? parseDemoStream(fs.readFileSync(path.join(PROJECT_ROOT, 'data', 'demo', 'stream.jsonl'), 'utf8')) : [];
    const clock: Clock = config.demoEnabled ? new AcceleratedClock(Date.now(), config.demo.speed) : systemClock;
    const instanceId = `${os.hostname()}:${process.pid}`;
    // several instances on one PostgreSQL: live updates travel between them over LISTEN/NOTIFY
    pgBus = opened.dialect === 'postgres' && config.databaseUrl ? createPgEventBus({ connectionString: config.databaseUrl, instanceId, log }) : null;
    if (pgBus) await Promise.race([pgBus.ready, new Promise((r) => setTimeout(r, 5_000))]);
    const ctx = nodeContext({ config, sqlitePath, opened, clock, log, classifier, bus: pgBus ?? createEventBus(), instanceId, routing });
    await syncTargets(ctx, config.targets);
    // detection in a thread of its own (not for the demo's in-memory-sized database and accelerated clock)
    detectThread = maybeDetectThread(ctx, env);
    const jobs: Job[] = serviceJobs(ctx, { fast: config.demoEnabled, detect: detectThread ?? undefined });
    if (config.demoEnabled) jobs.push(await demoFeedJob(ctx, demoItems));
    const app = createApp(ctx, { demo: config.demoEnabled ? { speed: config.demo.speed } : null, clientAddress: nodeClientAddress });
    const server = createAdaptorServer({ fetch: app.fetch });
    const port = await listen(server, config.port);
    const scheduler = new Scheduler(log);
    scheduler.start(jobs);
    const memoryLog = startMemoryLog(log, env.BACKLASH_LOG_MEMORY_MS);
    const url = `http://localhost:${port}`;
    await announceFirstStart(ctx, config.server.publicUrl ?? url);
    log.info('listening', { url, db: opened.where, dialect: opened.dialect, demo: config.demoEnabled, config: config.configFile });
    return {
      ctx,
      port,
      url,
      async stop() {
        if (stopped) return;
        stopped = true;
        if (memoryLog) clearInterval(memoryLog);
        await stopService([() => closeServer(server), () => scheduler.stop(), () => detectThread?.close(), () => (ctx.feeds?.http as UndiciHttpClient | undefined)?.close(), () => pgBus?.close(), () => classifier.close(), () => opened.close()]);
        log.info('stopped');
      },
    };
  } catch (err) {
    // release everything that keeps the event loop alive (rule watcher, LISTEN connection, pool)
    closeClassifier?.();
    await pgBus?.close().catch(() => {});
    if (!stopped) await opened.close().catch(() => {});
    throw err;
  }
}


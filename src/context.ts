/**
 * AppContext: the one seam between the core and its runtime. Entry files (Node, Workers, tests,
 * replay) build one from real parts; everything below takes it as an argument and reads no env.
 */
import type { Kysely } from 'kysely';
import type { Config } from './config/config.js';
import type { DB } from './store/schema.js';
import type { Classifier } from './types.js';
import type { Clock } from './util/clock.js';
import type { Logger } from './util/log.js';
import type { EventBus } from './util/event-bus.js';
import type { FeedRuntime } from './feeds/runtime.js';
import type { RoutingSetup } from './routing/setup.js';
import type { FetchLike } from './notify/deliver.js';
import type { RecentTexts } from './ingest/recent-texts.js';

export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres' | 'd1';
  /** The service's time: the pipeline, SLAs, revolts. The demo runs it faster, replay simulates it. */
  clock: Clock;
  /**
   * Wall-clock time, for what must not run at the demo's speed: sessions, sign-in links and
   * throttling, API key dates, webhook signatures, Retry-After dates, uptime. The system clock when
   * absent (util/clock.ts wallClockOf); tests set one to move it by hand.
   */
  wallClock?: Clock;
  log: Logger;
  /** The current classifier; rules and models reload by swapping what this returns. */
  classifier(): Classifier;
  /** In-process notifications of new rows (live dashboard); cross-instance fan-out plugs in here. */
  bus: EventBus;
  /** A name for this process, used for leases and logs. */
  instanceId: string;
  /** The rule files (path relative to rules/, text) for the Rules page; absent where the runtime cannot read them. */
  ruleFiles?: () => Promise<{ path: string; text: string }[]>;
  /** Routing rules and reply templates (rules/routing.yaml, rules/templates/); built-in defaults when absent. */
  routing?: () => RoutingSetup;
  /** HTTP client for notification deliveries (fetch-compatible); global fetch when absent. */
  fetch?: FetchLike;
  /** Recent original posts by text, per target (bounded, per process): a retweet storm links each copy in O(1). DB lookups only when absent. */
  recentTexts?: RecentTexts;
  /** HTTP client, per-host queue and limits for polling feeds; no polling when absent. */
  feeds?: FeedRuntime;
}

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

export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres' | 'd1';
  clock: Clock;
  log: Logger;
  /** The current classifier; rules and models reload by swapping what this returns. */
  classifier(): Classifier;
  /** In-process notifications of new rows (live dashboard); cross-instance fan-out plugs in here. */
  bus: EventBus;
  /** A name for this process, used for leases and logs. */
  instanceId: string;
}

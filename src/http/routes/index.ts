/**
 * Route modules mounted under /api, one file per resource. Add a resource here (one line).
 */
import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { apiRoutes } from './api.js';
import { labelRoutes } from './labels.js';
import { keyRoutes } from './keys.js';
import { targetRoutes } from './targets.js';
import { metricsRoutes } from './metrics.js';
import { ruleRoutes } from './rules.js';
import { streamRoutes } from './stream.js';
import { queueRoutes } from './queue.js';
import { deliveriesRoutes } from './deliveries.js';
import { sourcesRoutes } from './sources.js';
import { ingestRoutes } from './ingest.js';
import { cxRoutes } from './cx.js';
import { exportRoutes } from './exports.js';

export const API_ROUTES: ((ctx: AppContext) => Hono)[] = [
  queueRoutes, // queue first: its GET /queue supersedes api.ts's
  deliveriesRoutes,
  apiRoutes,
  sourcesRoutes,
  ingestRoutes,
  labelRoutes,
  keyRoutes,
  targetRoutes,
  metricsRoutes,
  ruleRoutes,
  streamRoutes,
  cxRoutes,
  exportRoutes,
];

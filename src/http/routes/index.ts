/**
 * Route modules mounted under /api, one file per resource. Add a resource here (one line).
 */
import type { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { apiRoutes } from './api.js';

export const API_ROUTES: ((ctx: AppContext) => Hono)[] = [apiRoutes];

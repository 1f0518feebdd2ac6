/**
 * Route descriptions beside the routes: a module calls `describe()` for each route it registers,
 * with the zod schemas it validates with. The OpenAPI document (document.ts) is built from the
 * app's registered routes, so a route nobody described still appears, with a generic entry.
 */
import { z } from 'zod';
import type { Context } from 'hono';
import { HttpError } from '../errors.js';

export interface RouteDoc {
  summary: string;
  description?: string;
  tags?: string[];
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Extra error statuses this route answers (401/403 are added for every protected route). */
  errors?: number[];
  /** The success status (default 200; 201 for creations). */
  status?: number;
  /** The body may be left out (POST /api/queue/{id}/claim). */
  bodyOptional?: boolean;
  /** Media type of the success response (default application/json). */
  contentType?: string;
}

const DOCS = new Map<string, RouteDoc>();

/** `path` as Hono writes it (`/api/revolts/:id`). */
export function describe(method: string, path: string, doc: RouteDoc): void {
  DOCS.set(`${method.toUpperCase()} ${path}`, doc);
}

export function docFor(method: string, path: string): RouteDoc | undefined {
  return DOCS.get(`${method.toUpperCase()} ${path}`);
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}

/** Parses the query string with `schema`; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodObject>(c: Context, schema: T): z.output<T> {
  const r = schema.safeParse(c.req.query());
  if (!r.success) throw new HttpError(400, 'bad_request', issues(r.error));
  return r.data;
}

/** Parses a JSON body with `schema`: 415 when it is not JSON, 400 when it does not fit. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  if (!(c.req.header('content-type') ?? '').includes('application/json')) throw new HttpError(415, 'unsupported_media_type', 'send a JSON body (Content-Type: application/json)');
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad_request', 'body: not valid JSON');
  }
  const r = schema.safeParse(data);
  if (!r.success) throw new HttpError(400, 'bad_request', issues(r.error));
  return r.data;
}

/** Like parseBody, but an empty body is `{}` (actions whose body is optional). */
export async function parseOptionalBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const raw = await c.req.raw.clone().text();
  if (raw.trim() === '') {
    const r = schema.safeParse({});
    if (!r.success) throw new HttpError(400, 'bad_request', issues(r.error));
    return r.data;
  }
  return parseBody(c, schema);
}

// Shared pieces of many routes
const LIMIT_MSG = 'expected an integer 1-500';
export const limitParam = z.coerce.number({ error: LIMIT_MSG }).int(LIMIT_MSG).min(1, LIMIT_MSG).max(500, LIMIT_MSG).default(50).describe('page size (1-500)');
export const cursorParam = z.string().max(200).optional().describe('the nextCursor of the previous page');
export const timeParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
    if (!Number.isFinite(t)) {
      ctx.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or epoch milliseconds' });
      return z.NEVER;
    }
    return t;
  });
export const idParam = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'expected an id of letters, digits, ".", "_", ":" or "-"');
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * The OpenAPI 3.1 document, built from the routes the app actually registered (so it cannot list a
 * route that does not exist, nor miss one) and the zod schemas their modules described.
 */
import { z } from 'zod';
import { docFor, ErrorSchema } from './registry.js';
import { isPublic, isSelfAuthenticated, requiredRole } from '../../auth/roles.js';

export interface RegisteredRoute {
  method: string;
  path: string;
}

type JsonSchema = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'No or unknown API key / session (or, on the push endpoint, a bad signature)',
  403: 'Role too small or CSRF token missing',
  404: 'Not found',
  409: 'Conflict',
  413: 'Too large',
  415: 'Not JSON',
  422: 'Unprocessable',
  429: 'Too many failed attempts from this client (Retry-After says when to try again)',
  500: 'Internal error',
  503: 'Unavailable',
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** API routes as Hono lists them: one entry per method and path, middleware left out. */
export function apiRoutesOf(routes: { method: string; path: string }[]): RegisteredRoute[] {
  const seen = new Set<string>();
  const out: RegisteredRoute[] = [];
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/') || r.path.includes('*')) continue;
    const k = `${r.method} ${r.path}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, '{$1}');
}

function operationId(method: string, path: string): string {
  return (method.toLowerCase() + path.replace(/^\/api/, '').replace(/[:{}]/g, '').split(/[/._-]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('')).replace(/[^A-Za-z0-9]/g, '');
}

export function buildOpenApi(routes: RegisteredRoute[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const doc = docFor(r.method, r.path);
    const p = openApiPath(r.path);
    const parameters: unknown[] = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (doc?.query) {
      const q = jsonSchema(doc.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, schema] of Object.entries(q.properties ?? {})) {
        const { description, ...rest } = schema;
        parameters.push({ name, in: 'query', required: (q.required ?? []).includes(name) && !('default' in schema), schema: rest, ...(description ? { description } : {}) });
      }
    }
    const open = isPublic(r.path) || isSelfAuthenticated(r.path);
    const role = requiredRole(r.method, r.path);
    const status = doc?.status ?? 200;
    const responses: Record<string, unknown> = {
      [String(status)]: { description: status === 202 ? 'Accepted' : status === 201 ? 'Created' : 'OK', content: { [doc?.contentType ?? 'application/json']: { schema: doc?.response ? jsonSchema(doc.response, 'output') : {} } } },
    };
    // every request presenting a key can meet 401 (unknown key) and 429 (throttled), even on open
    // routes; protected ones also 403; any route may fail with 500
    const errs = new Set([...(doc?.errors ?? []), 401, 429, 500, ...(open ? [] : [403]), ...(doc?.body && !doc.bodyOptional ? [400, 415] : [])]);
    for (const code of [...errs].sort((a, b) => a - b)) responses[String(code)] = { $ref: `#/components/responses/E${code}` };
    const op: Record<string, unknown> = {
      operationId: operationId(r.method, r.path),
      summary: doc?.summary ?? `${r.method} ${p}`,
      description: [doc?.description, open ? 'No API key needed (public, or authenticated by its own signature).' : `Needs the ${role} role.`].filter(Boolean).join(' '),
      tags: doc?.tags ?? [p.split('/')[2] ?? 'api'],
      ...(parameters.length ? { parameters } : {}),
      ...(doc?.body ? { requestBody: { required: !doc.bodyOptional, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } } } : {}),
      responses,
      ...(open ? { security: [] } : {}),
      'x-role': open ? null : role,
    };
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  const errorResponses = Object.fromEntries(
    Object.entries(STATUS_TEXT).map(([code, text]) => [`E${code}`, { description: text, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Backlash API',
      version: info.version,
      description: 'Revolts, posts, the response queue, rules, deliveries and access control. Send an API key as `Authorization: Bearer bk_…`. Lists are paginated with `limit` and `cursor` (pass back `nextCursor`). Errors are `{ "error": { "code", "message" } }`.',
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made by `backlash keys create` or by an admin in the app.' },
        session: { type: 'apiKey', in: 'cookie', name: 'backlash_session', description: 'Dashboard session; state changes also need the X-CSRF-Token header.' },
      },
      schemas: { Error: jsonSchema(ErrorSchema, 'output') },
      responses: errorResponses,
    },
    security: [{ apiKey: [] }, { session: [] }],
    paths,
  };
}

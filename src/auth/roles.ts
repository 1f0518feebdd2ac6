/**
 * Roles and the route policy. viewer reads; agent also works the queue and relabels posts; admin
 * also manages targets, sources, rules, routing, keys and notifications. A mutating route nobody
 * listed needs admin, so a route added later is closed until someone opens it on purpose.
 */
export const ROLES = ['viewer', 'agent', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, agent: 1, admin: 2 };

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function roleAtLeast(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

/** Paths under /api that carry their own authentication (the push ingest endpoint signs with HMAC). */
export const SELF_AUTHENTICATED_PREFIXES = ['/api/ingest'];
/** Paths anyone may read: the API description. */
export const PUBLIC_PATHS = ['/api/openapi.json'];

/** POST routes that compute an answer and change nothing: a viewer may call them. */
export const READ_ONLY_POSTS = ['/api/rules/test', '/api/rules/validate'];

/** Mutating routes agents may call (working the queue, relabelling, acting on revolts). */
const AGENT_PREFIXES = ['/api/queue', '/api/posts', '/api/revolts'];

export function isMutating(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix + '/');
}

/** Reads only admins may make (the list of API keys). */
const ADMIN_READ_PREFIXES = ['/api/keys'];

export function requiredRole(method: string, path: string): Role {
  if (!isMutating(method)) return ADMIN_READ_PREFIXES.some((p) => under(path, p)) ? 'admin' : 'viewer';
  if (READ_ONLY_POSTS.some((p) => under(path, p))) return 'viewer';
  if (AGENT_PREFIXES.some((p) => under(path, p))) return 'agent';
  return 'admin';
}

export function isSelfAuthenticated(path: string): boolean {
  return SELF_AUTHENTICATED_PREFIXES.some((p) => under(path, p));
}

export function isPublic(path: string): boolean {
  return PUBLIC_PATHS.includes(path);
}

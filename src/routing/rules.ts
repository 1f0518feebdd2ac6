/**
 * rules/routing.yaml: teams (business hours, timezone, agents with capacity), routes (match → team,
 * priority, SLA, channels) and the single-post triggers. Validated at load: every problem names the
 * file, the line and the field. Pure: the caller reads the file.
 */
import { z } from 'zod';
import { parseDuration } from '../util/duration.js';
import { loadValidatedYaml, parseYaml, ValidationError } from '../util/validated-yaml.js';
import { WEEKDAYS, type Schedule } from './hours.js';
import type { Priority } from '../types.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'expected an id of letters, digits, ".", "_" or "-"');
const clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day like "09:00"');
const priority = z.enum(['P1', 'P2', 'P3', 'P4']);
const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA timezone like "Europe/Paris"');
const duration = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like "30m" or "4h", got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return ms;
});
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const hoursSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: clock.default('09:00'),
    end: clock.default('18:00'),
  })
  .strict();

const teamSchema = z
  .object({
    id,
    timezone: timezone.default('UTC'),
    hours: hoursSchema.prefault({}),
    agents: z.array(z.object({ id, capacity: z.number().int().min(0).default(5) }).strict()).default([]),
    // who may approve replies on this team's items when their route asks for approval (admins may too)
    leads: z.array(id).default([]),
  })
  .strict();

const slaSchema = z
  .object({
    firstResponse: duration,
    resolve: duration.optional(),
    pauseOutsideHours: z.boolean().default(false),
    reassignAfter: duration.optional(),
    nearBreach: z.number().gt(0).lt(1).default(0.8),
  })
  .strict();

const matchSchema = z
  .object({
    kind: oneOrMany(z.enum(['revolt', 'post'])).optional(),
    target: oneOrMany(z.string()).optional(),
    topic: oneOrMany(z.string()).optional(),
    pillar: oneOrMany(z.string()).optional(),
    touchpoint: oneOrMany(z.string()).optional(),
    language: oneOrMany(z.string()).optional(),
    source: oneOrMany(z.string()).optional(),
    escalation: oneOrMany(z.string()).optional(),
    minSeverity: z.number().min(0).max(100).optional(),
    maxSeverity: z.number().min(0).max(100).optional(),
    priority: oneOrMany(priority).optional(),
    time: z.object({ from: clock, to: clock, days: z.array(z.enum(WEEKDAYS)).min(1).optional(), timezone: timezone.optional() }).strict().optional(),
  })
  .strict();

const routeBody = {
  team: id,
  priority: priority.optional(),
  sla: slaSchema,
  channels: z.array(id).optional(),
  escalationChannels: z.array(id).default([]),
  // replies on this route's items wait for a lead's approval before they are published
  approval: z.boolean().default(false),
};
const routeSchema = z.object({ id, match: matchSchema, ...routeBody }).strict();
const defaultRouteSchema = z.object({ id: id.default('default'), ...routeBody }).strict();

const singlePostSchema = z
  .object({
    escalation: z.array(z.string()).default(['legal', 'regulator', 'safety', 'press']),
    reachThreshold: z.number().int().min(0).default(50_000),
    complaintScore: z.number().min(0).max(1).default(0.8),
    // a complaint outside any revolt waits this long for a revolt to take it before it gets an item
    complaintWait: duration.default(30 * 60_000),
    // lone complaints get an item only when routing sends them to one of these teams (default: any)
    complaintTeams: z.array(id).optional(),
    // a lone complaint about a target with an open revolt joins its case when it shares the revolt's
    // topic (its key, or a topic carried by at least `topicShare` of its posts), a hashtag, or
    // `sharedTerms` of its top words; published at most `before` its opening (false: never)
    joinRevolts: z
      .union([
        z.literal(false),
        z.object({ sharedTerms: z.number().int().min(0).default(1), topicShare: z.number().gt(0).max(1).default(0.2), before: duration.default(2 * 3_600_000) }).strict(),
      ])
      .default({ sharedTerms: 1, topicShare: 0.2, before: 2 * 3_600_000 }),
    // a customer's further complaints join their open case instead of opening one each
    sameAuthor: z.boolean().default(true),
    // a repost ("RT @user: …") of a complaint gets no complaint item of its own: the original is answered
    answerReposts: z.boolean().default(false),
    // reasons that keep a post's own item once its post is in a revolt; other items fold into the case
    ownItemInRevolt: z.array(z.string()).default(['legal', 'regulator', 'safety', 'press', 'reach']),
    priorities: z.record(z.string(), priority).default({ legal: 'P1', safety: 'P1', regulator: 'P2', press: 'P2', reach: 'P2', complaint: 'P3' }),
  })
  .strict();

export const routingSchema = z
  .object({
    timezone: timezone.default('UTC'),
    defaultCapacity: z.number().int().min(0).default(10),
    teams: z.array(teamSchema).min(1, 'expected at least one team'),
    routes: z.array(routeSchema).default([]),
    default: defaultRouteSchema,
    singlePosts: singlePostSchema.prefault({}),
  })
  .strict();

export type RoutingRules = z.output<typeof routingSchema>;
export type Team = z.output<typeof teamSchema>;
export type Route = z.output<typeof routeSchema> | (z.output<typeof defaultRouteSchema> & { match?: undefined });
export type RouteMatch = z.output<typeof matchSchema>;
export type Sla = z.output<typeof slaSchema>;
export type { Priority };

export function scheduleOf(team: Team): Schedule {
  return { timezone: team.timezone, days: team.hours.days, start: team.hours.start, end: team.hours.end };
}

/**
 * Parse and validate routing rules. Cross-references are checked here too: every route's team
 * must exist, and (when the caller knows them) every channel must be a configured channel.
 */
export function loadRoutingRules(text: string, file: string, opts: { channelIds?: Iterable<string> } = {}): RoutingRules {
  const rules = loadValidatedYaml(text, file, routingSchema);
  const { lineOf } = parseYaml(text, file);
  const problems: string[] = [];
  const at = (path: PropertyKey[], msg: string) => {
    const line = lineOf(path);
    problems.push(`${line ? `line ${line}: ` : ''}${path.map(String).join('.')}: ${msg}`);
  };
  const teams = new Set<string>();
  rules.teams.forEach((t, i) => {
    if (teams.has(t.id)) at(['teams', i, 'id'], `duplicate team "${t.id}"`);
    teams.add(t.id);
  });
  const channels = opts.channelIds ? new Set(opts.channelIds) : null;
  const routeIds = new Set<string>();
  const all: [PropertyKey[], Route][] = [...rules.routes.map((r, i) => [['routes', i], r] as [PropertyKey[], Route]), [['default'], rules.default]];
  for (const [path, r] of all) {
    if (routeIds.has(r.id)) at([...path, 'id'], `duplicate route "${r.id}"`);
    routeIds.add(r.id);
    if (!teams.has(r.team)) at([...path, 'team'], `unknown team "${r.team}" (teams: ${[...teams].join(', ')})`);
    if (channels) {
      (r.channels ?? []).forEach((c, j) => channels.has(c) || at([...path, 'channels', j], `unknown channel "${c}" (configure it under notifications.channels)`));
      r.escalationChannels.forEach((c, j) => channels.has(c) || at([...path, 'escalationChannels', j], `unknown channel "${c}" (configure it under notifications.channels)`));
    }
    if (r.sla.resolve !== undefined && r.sla.resolve < r.sla.firstResponse) at([...path, 'sla', 'resolve'], 'expected resolve to be at least firstResponse');
    const m = r.match;
    if (m && m.minSeverity !== undefined && m.maxSeverity !== undefined && m.minSeverity > m.maxSeverity) at([...path, 'match', 'maxSeverity'], 'expected maxSeverity >= minSeverity');
  }
  (rules.singlePosts.complaintTeams ?? []).forEach((t, j) => teams.has(t) || at(['singlePosts', 'complaintTeams', j], `unknown team "${t}" (teams: ${[...teams].join(', ')})`));
  if (problems.length) throw new ValidationError(file, problems);
  return rules;
}

/** The rules used when no rules/routing.yaml is wired (tests, a bare core): one team, one route. */
export const BUILTIN_ROUTING = `
teams:
  - id: care
default:
  team: care
  sla: { firstResponse: 1h, resolve: 24h }
`;

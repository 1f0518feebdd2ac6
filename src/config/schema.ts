import { z } from 'zod';
import { parseDuration } from '../util/duration.js';
import { checkSourceKeys } from './source-keys.js';

const duration = (fallback: string) =>
  z
    .union([z.string(), z.number()])
    .default(fallback)
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: `expected a duration like "30s", "5m" or "1h", got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return ms;
    });

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'expected an id of letters, digits, ".", "_" or "-"');
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/**
 * A source as written in the config: common keys here; the type-specific keys are checked by the
 * source's own schema in the feeds registry (see src/feeds/sources/index.ts).
 */
export const sourceConfigSchema = z
  .object({
    id,
    type: z.string().min(1, 'expected a source type'),
    every: duration('5m'),
    enabled: z.boolean().default(true),
  })
  .catchall(z.unknown())
  .superRefine(checkSourceKeys);

export const targetSchema = z
  .object({
    id,
    name: z.string().min(1).optional(),
    sources: z.array(sourceConfigSchema).default([]),
    // the brand's own accounts (handles or author ids, "@" optional): their posts that come back
    // through the feeds are the team's public answers (docs/dashboard.md#the-cx-view)
    brandAccounts: z.array(z.string().min(1).max(200)).default([]),
  })
  .strict();

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day like "22:00"');

export const quietHoursSchema = z
  .object({
    start: clockTime,
    end: clockTime,
    timezone: z.string().default('UTC').refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA timezone like "Europe/Paris"'),
    // messages at or above this severity are sent even during quiet hours
    bypassSeverity: z.number().min(0).max(100).optional(),
  })
  .strict();

export const channelSchema = z
  .object({
    id,
    type: z.enum(['slack', 'discord', 'teams', 'webhook']),
    url: httpUrl,
    secret: z.string().min(16, 'expected a secret of at least 16 characters').optional(),
    minSeverity: z.number().min(0).max(100).default(0),
    // issue 6: older secrets still signed with during a rotation (webhook channels)
    previousSecrets: z.array(z.string().min(16, 'expected a secret of at least 16 characters')).default([]),
    // at most one message about the same revolt or queue item per cool-down; the latest waits
    cooldown: duration('0s'),
    quietHours: quietHoursSchema.optional(),
    // requests per `per` to this destination; defaults per type (slack 1/s, discord 5/2s)
    rateLimit: z.object({ requests: z.number().int().positive(), per: duration('1s') }).strict().optional(),
    // only for escalation: SLA near-breach/breach messages (routes name these in escalationChannels)
    escalationOnly: z.boolean().default(false),
  })
  .strict();

export const configSchema = z
  .object({
    server: z
      .object({
        publicUrl: httpUrl.optional(),
        // behind a reverse proxy: the header it sets to the client's address (X-Forwarded-For, X-Real-IP,
        // CF-Connecting-IP, Forwarded); sign-in throttling counts per client instead of per proxy
        trustedProxyHeader: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a header name like "X-Forwarded-For"').optional(),
      })
      .strict()
      .default({}),
    http: z
      .object({
        contactUrl: httpUrl.optional(),
        timeout: duration('15s'),
        maxBytes: z.number().int().positive().default(5 * 1024 * 1024),
        maxRedirects: z.number().int().min(0).max(10).default(3),
        // true, false, or a list of hosts/IPs allowed even though they are loopback/private (e.g. ["127.0.0.1"])
        allowPrivateHosts: z.union([z.boolean(), z.array(z.string().min(1))]).default(false),
      })
      .strict()
      .prefault({}),
    polling: z
      .object({
        concurrency: z.number().int().min(1).max(256).default(8),
        perHost: z.number().int().min(1).max(64).default(2),
        perHostPerMinute: z.number().int().min(1).max(6000).default(60),
        jitter: z.number().min(0).max(0.5).default(0.1),
        lease: duration('5m'),
        tick: duration('1s'),
      })
      .strict()
      .prefault({}),
    targets: z.array(targetSchema).default([]),
    detection: z
      .object({
        // kept so older configs load: the detector now tries every window from 15 min to 12 h and
        // learns its baseline from 8 days of history (docs/revolts.md)
        window: duration('30m'),
        baseline: duration('24h'),
        // issue 13: one key per idea. `sensitivity` moves every score needed (high: one tenth of the
        // surprise, more revolts and more false alarms; low: ten times); `minVoices` is the fewest
        // distinct complaining authors that open a revolt (an alias of minAuthors, which wins if both are set)
        sensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
        minVoices: z.number().int().min(2).optional(),
        minAuthors: z.number().int().min(1).optional(),
        minPosts: z.number().int().min(1).default(6),
        ratio: z.number().min(1).default(3),
        quietAfter: duration('2h'),
      })
      .strict()
      .prefault({}),
    notifications: z
      .object({
        channels: z.array(channelSchema).default([]),
        // issue 6: delivery worker tuning
        timeout: duration('10s'),
        // issue 16: a failing destination is retried (probed) this long before its messages become dead letters
        retryFor: duration('24h'),
        // kept so older configs load: retries now run until retryFor, whatever the count
        maxAttempts: z.number().int().min(1).max(50).default(8),
        backoffBase: duration('5s'),
        // the longest wait between two probes of a failing destination (was 30m: a receiver back up
        // would wait up to half an hour for its queue)
        backoffMax: duration('5m'),
      })
      .strict()
      .prefault({}),
    // issue 14: replies published from the desk (retries and dead letters like notifications)
    replies: z
      .object({
        timeout: duration('15s'),
        // the notifications' retry policy (notify/retry.ts): a reply whose network is down is retried
        // this long, at most backoffMax apart, before it becomes a dead letter
        retryFor: duration('24h'),
        // kept so older configs load: retries now run until retryFor, whatever the count
        maxAttempts: z.number().int().min(1).max(50).default(6),
        backoffBase: duration('5s'),
        backoffMax: duration('5m'),
        // replies to posts from sources that cannot be answered in place (RSS, app stores, push…)
        // are handed to this helpdesk webhook, signed like a webhook channel
        helpdesk: z.object({ url: httpUrl, secret: z.string().min(16, 'expected a secret of at least 16 characters').optional() }).strict().optional(),
      })
      .strict()
      .prefault({}),
    // issue 8: several instances on one PostgreSQL
    cluster: z
      .object({
        // how often the lease holder runs revolt detection
        detectEvery: duration('30s'),
        // how long a dead instance's detection lease blocks the others
        leaseTtl: duration('90s'),
        // issue 15: detection is split by target into this many shards, each under its own lease;
        // the instances share them out (a dead instance's shards are taken over after leaseTtl)
        detectShards: z.number().int().min(1).max(256).default(8),
        // Node: run detection in a worker thread of its own, so its ticks never stall ingest
        detectThread: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    // issue 18: the weekly CX report, sent as a digest to the notification channels once a week has ended
    reports: z
      .object({
        weekly: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    // issue 8: retention of raw payloads; daily aggregates are kept for ever
    retention: z
      .object({
        raw: duration('30d'),
        batch: z.number().int().min(1).max(100_000).default(5_000),
      })
      .strict()
      .prefault({}),
    demo: z
      .object({
        enabled: z.boolean().optional(),
        speed: z.number().positive().max(10_000).default(60),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type FileConfig = z.output<typeof configSchema>;
export type SourceConfig = z.output<typeof sourceConfigSchema>;
export type TargetConfig = z.output<typeof targetSchema>;
export type ChannelConfig = z.output<typeof channelSchema>;

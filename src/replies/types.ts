/**
 * Publishing a reply to the network a post came from. One publisher per network, each a small file
 * in publishers/, registered in publishers/index.ts. A publisher gets everything it needs (the
 * post, the source's settings with its credentials, the reply with its idempotency key) and says
 * what happened; retries, leases and dead letters are the worker's (publish.ts).
 */
import type { FetchLike } from '../notify/http.js';

// 'demo': the built-in demo's made-up networks (nothing leaves the machine)
export const REPLY_CHANNELS = ['mastodon', 'bluesky', 'reddit', 'helpdesk', 'demo'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export interface PublishRequest {
  reply: { id: string; text: string; lang: string | null; createdAt: number; attempts: number };
  post: { id: string; externalId: string; url: string | null; source: string; sourceType: string; target: string; author: string; text: string };
  item: { id: string; title: string; kind: string; team: string | null; assignee: string | null };
  /** The source's settings (credentials included), as configured. */
  source: Record<string, unknown>;
  fetch: FetchLike;
  timeoutMs: number;
  /** Wall-clock ms (signatures carry it even when the service clock is simulated). */
  now: number;
  helpdesk?: { url: string; secret?: string };
}

export type PublishOutcome =
  | { ok: true; remoteId: string | null; remoteUrl: string | null; status: number }
  | { ok: false; retryable: boolean; status: number | null; error: string; retryAfterMs?: number };

export interface Publisher {
  /** Can this source publish replies (credentials present)? null when it can, else what is missing. */
  missing(source: Record<string, unknown>): string | null;
  /** Longest reply the network accepts, in characters (graphemes for Bluesky). */
  maxLength: number;
  publish(req: PublishRequest): Promise<PublishOutcome>;
}

export class PublishError extends Error {
  constructor(
    readonly retryable: boolean,
    readonly status: number | null,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

import type { ChannelConfig } from '../../config/schema.js';
import type { Notice } from '../message.js';

export interface RenderedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface RenderContext {
  /** The idempotency key: the event's id (a digest has its own). Same on every retry. */
  messageId: string;
  /** Epoch ms of this attempt (signatures carry it). */
  now: number;
}

/** A notifier: renders a Notice for its platform, escaping attacker-controlled text. */
export interface Provider {
  render(notice: Notice, channel: ChannelConfig, rc: RenderContext): Promise<RenderedRequest>;
  /** Default per-destination rate limit. */
  rateLimit: { requests: number; perMs: number };
}

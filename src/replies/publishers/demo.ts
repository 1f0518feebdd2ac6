/** The built-in demo's networks are made up: a reply "arrives" at once and nothing leaves the machine. */
import type { Publisher } from '../types.js';

export const demo: Publisher = {
  maxLength: 10_000,
  missing: () => null,
  async publish(req) {
    return { ok: true, status: 200, remoteId: `demo-${req.reply.id}`, remoteUrl: null };
  },
};

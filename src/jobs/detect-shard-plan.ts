/**
 * Which shard a target falls in and the names of the detection leases (src/jobs/detect-shards.ts):
 * pure, the same on every instance and every runtime.
 */
export const DETECT_LEASE_PREFIX = 'detect-revolts:';
export const MEMBER_LEASE_PREFIX = 'detect-member:';

/** FNV-1a of the target id: the same shard on every instance and every runtime. */
export function shardOf(target: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < target.length; i++) {
    h ^= target.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

export function shardLeaseName(shard: number, shards: number): string {
  return `${DETECT_LEASE_PREFIX}${shard}/${shards}`;
}

/** A membership lease row as read from `leases`. */
export interface MemberLease {
  name: string;
  until: number | string | bigint;
}

/** Members whose lease is still alive at `wall` (at least 1: this instance). */
export function liveMembers(leases: MemberLease[], wall: number): number {
  return Math.max(1, leases.filter((l) => Number(l.until) >= wall).length);
}

/** A member lease this many TTLs past its end belongs to an instance that died long ago. */
export const STALE_TTLS = 10;

/** The names of members that died long ago (their lease rows would only grow the table). */
export function staleMembers(leases: MemberLease[], wall: number, ttl: number): string[] {
  return leases.filter((l) => Number(l.until) < wall - STALE_TTLS * ttl).map((l) => l.name);
}

/** How many shards each of `members` instances holds at most: shards / members, rounded up. */
export function fairShare(shards: number, members: number): number {
  return Math.ceil(shards / members);
}

/** The order in which `instance` tries to take shards: every shard once, starting at a point that differs per instance. */
export function takeOrder(instance: string, shards: number): number[] {
  const start = shardOf(instance, shards);
  return Array.from({ length: shards }, (_, k) => (start + k) % shards);
}

/** Targets grouped by the shard they fall in. */
export function groupByShard<T extends { id: string }>(targets: T[], shards: number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const t of targets) {
    const n = shardOf(t.id, shards);
    if (!out.has(n)) out.set(n, []);
    out.get(n)!.push(t);
  }
  return out;
}

/** Random ids for rows; stable ids for posts (so re-ingesting the same item is a no-op everywhere). */
export function newId(prefix = ''): string {
  return prefix + crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

/**
 * A stable 128-bit hash of the input as 28 base-32 characters: four 32-bit FNV-1a lanes with
 * different seeds, each finished with murmur3's avalanche. Same on every runtime, synchronous,
 * and cheap enough for the ingest hot path (no BigInt).
 */
export function stableId(input: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let c = 0x27d4eb2f;
  let d = 0x165667b1;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x01000193);
    c = Math.imul(c ^ (ch + 0x9e), 0x01000193);
    d = Math.imul(d ^ (ch * 31 + 7), 0x01000193);
  }
  return lane(a, input.length) + lane(b, 0x9e3779b9) + lane(c, 0x85ebca6b) + lane(d, 0xc2b2ae35);
}

function lane(h: number, salt: number): string {
  h ^= salt;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0).toString(32).padStart(7, '0');
}

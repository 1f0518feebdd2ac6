/** Han character pairs for the learned escalation head's Chinese features (pure). */
export const isHan = (c: number) => c >= 0x3400 && c <= 0x9fff && (c >= 0x4e00 || c <= 0x4dbf);
/** a pair of Han characters as a small integer (under 2^30: V8 keeps it unboxed, so the Map hashes it fast) */
export const pairKey = (a: number, b: number) => (a - 0x3400) * 0x6c00 + (b - 0x3400);

/**
 * Han character pairs → feature id: open addressing over two typed arrays (keys are small
 * integers, see pairKey), compact enough to stay in cache beside the rest of a classification.
 */
export interface PairTable {
  keys: Int32Array;
  ids: Int32Array;
  mask: number;
  size: number;
}

export function pairTable(entries: [number, number][]): PairTable {
  let cap = 16;
  while (cap < entries.length * 2) cap *= 2;
  const t: PairTable = { keys: new Int32Array(cap).fill(-1), ids: new Int32Array(cap), mask: cap - 1, size: entries.length };
  for (const [k, id] of entries) {
    let i = Math.imul(k, 0x9e3779b1) >>> 0;
    for (i &= t.mask; t.keys[i] !== -1; i = (i + 1) & t.mask);
    t.keys[i] = k;
    t.ids[i] = id;
  }
  return t;
}

export function pairGet(t: PairTable, k: number): number | undefined {
  for (let i = (Math.imul(k, 0x9e3779b1) >>> 0) & t.mask; ; i = (i + 1) & t.mask) {
    const x = t.keys[i];
    if (x === k) return t.ids[i];
    if (x === -1) return undefined;
  }
}


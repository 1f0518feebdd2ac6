/**
 * AT Protocol record keys (TIDs): 53 bits of microseconds since 1970 and 10 bits of clock id, in
 * base32-sortable, 13 characters. A reply's key derives from the reply (its creation time and id),
 * so every attempt writes the same record: a repeat is found, never posted twice.
 */
import { stableId } from '../util/ids.js';

const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

export function tidFor(createdAtMs: number, seed: string): string {
  const clockId = BigInt(parseInt(stableId(seed).slice(0, 4), 32) % 1024);
  let v = (BigInt(Math.floor(createdAtMs)) * 1000n) << 10n | clockId;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = ALPHABET[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

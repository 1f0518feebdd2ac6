/** Random ids for rows; stable ids for posts (so re-ingesting the same item is a no-op everywhere). */
export function newId(prefix = ''): string {
  return prefix + crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

/** 128-bit FNV-1a style hash of the input, as 26 base32 characters: stable across runtimes, sync. */
export function stableId(input: string): string {
  // Two independent 64-bit FNV-1a lanes (different offsets) over UTF-16 code units, via BigInt.
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  let a = 0xcbf29ce484222325n;
  let b = 0x84222325cbf29ce4n;
  for (let i = 0; i < input.length; i++) {
    const c = BigInt(input.charCodeAt(i));
    a = ((a ^ c) * prime) & mask;
    b = ((b ^ (c + 0x9en)) * prime) & mask;
  }
  return (a.toString(32).padStart(13, '0') + b.toString(32).padStart(13, '0')).slice(0, 26);
}

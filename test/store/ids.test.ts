import { describe, expect, it } from 'vitest';
import { newId, stableId } from '../../src/util/ids.js';

describe('ids', () => {
  it('stableId is deterministic, 28 base-32 characters, and differs for near-identical inputs', () => {
    expect(stableId('acme-rss\u0000123')).toBe(stableId('acme-rss\u0000123'));
    expect(stableId('x')).toMatch(/^[0-9a-v]{28}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(stableId(`source\u0000${i}`));
    seen.add(stableId('ab'));
    seen.add(stableId('ba'));
    seen.add(stableId(''));
    expect(seen.size).toBe(50_003);
  });

  it('newId is unique and carries its prefix', () => {
    const a = newId('r_');
    expect(a.startsWith('r_')).toBe(true);
    expect(a).not.toBe(newId('r_'));
  });
});

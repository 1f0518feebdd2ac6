/** The distinct pillars (or touchpoints) of a verdict's topics: the levels above a topic. */
export function levelsOf(topics: readonly { pillar?: string; touchpoint?: string }[], level: 'pillar' | 'touchpoint'): string[] {
  const out: string[] = [];
  for (const t of topics) {
    const v = t[level];
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

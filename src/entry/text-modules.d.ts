/** The Worker's build-time assets (src/entry/build-worker-assets.ts, aliased in wrangler.toml). */
declare module 'backlash:worker-assets' {
  export const RULE_SOURCES: { path: string; text: string }[];
  /** data/model/escalation.json (the learned escalation head), or null */
  export const ESCALATION_JSON: unknown;
  export const MODEL_JSON: unknown;
}

import type { Rule } from 'eslint';
export const RUNTIME_DIRS: string[];
export const NODE_ONLY_PACKAGES: string[];
export function forbiddenPackage(spec: string): string | null;
export const runtimeBoundary: Rule.RuleModule;

/**
 * What some suites need from the machine beyond node_modules: Chromium, PostgreSQL, the shared
 * evaluation datasets. Every suite that depends on one asks here, never on its own, so one switch
 * decides what a missing dependency means:
 * - by default the suite is skipped (a laptop without Chromium can still run everything else);
 * - with BACKLASH_REQUIRE_ALL=1 (CI sets it) the suite fails with a test that names what is missing
 *   and how to provide it, so a green run means every suite really ran.
 * The workerd test needs nothing beyond node_modules (wrangler bundles workerd), so it never skips.
 */
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'vitest';

export const REQUIRE_ALL = process.env.BACKLASH_REQUIRE_ALL === '1';

export interface Requirement {
  name: string;
  present: boolean;
  /** What to do to provide it, for the failure message. */
  fix: string;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM: Requirement = {
  name: 'Chromium',
  present: fs.existsSync(CHROMIUM_PATH),
  fix: `no browser at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`,
};

export const POSTGRES: Requirement = {
  name: 'PostgreSQL',
  present: Boolean(process.env.DATABASE_URL),
  fix: 'DATABASE_URL is not set: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
};

export const DATASETS_DIR = path.resolve(import.meta.dirname, '../../../shared/datasets');

export const DATASETS: Requirement = {
  name: 'the shared evaluation datasets',
  present: fs.existsSync(DATASETS_DIR),
  fix: `no folder at ${DATASETS_DIR}: run beside a checkout of ../shared`,
};

export function missingMessage(req: Requirement): string {
  return `${req.name} is required (BACKLASH_REQUIRE_ALL=1) but missing: ${req.fix}`;
}

/**
 * For `describe.skipIf(skipWithout(X))` / `it.skipIf(skipWithout(X))`: true when the suite must not
 * run. When X is missing and BACKLASH_REQUIRE_ALL=1, it also registers (in the scope it is called
 * from) a test that fails with the reason, so the run fails instead of skipping.
 */
export function skipWithout(req: Requirement): boolean {
  if (req.present) return false;
  if (REQUIRE_ALL) {
    it(`has ${req.name} (BACKLASH_REQUIRE_ALL=1)`, () => {
      throw new Error(missingMessage(req));
    });
  }
  return true;
}

/**
 * For code that would run with the dependency (a describe.each over dialects, a setup step): true
 * when it is present, or when it is required, in which case `need` makes the run fail.
 */
export function shouldRun(req: Requirement): boolean {
  return req.present || REQUIRE_ALL;
}

/** Throws the clear failure when the dependency is missing. */
export function need(req: Requirement): void {
  if (!req.present) throw new Error(REQUIRE_ALL ? missingMessage(req) : `${req.name} is missing: ${req.fix}`);
}

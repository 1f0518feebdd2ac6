import type { Migration, MigrationProvider } from 'kysely';
import { m001Init } from './001-init.js';
import { m002Feeds } from './002-feeds.js';
import { m003Revolts } from './003-revolts.js';
import { m004Routing } from './004-routing.js';
import { m005Access } from './005-access.js';
import { m006Scale } from './006-scale.js';
import { m007DeliveryHealth } from './007-delivery-health.js';
import { m008Desk } from './008-desk.js';
import { m009Cx } from './009-cx.js';
import { m010IngestScale } from './010-ingest-scale.js';
import { m011DetectShards } from './011-detect-shards.js';

/**
 * The one ordered list of migrations. Append only: never edit or reorder a migration that has
 * shipped. Names sort in order, which is how kysely applies them.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001-init': m001Init,
  '002-feeds': m002Feeds,
  '003-revolts': m003Revolts,
  '004-routing': m004Routing,
  '005-access': m005Access,
  '006-scale': m006Scale,
  '007-delivery-health': m007DeliveryHealth,
  '008-desk': m008Desk,
  '009-cx': m009Cx,
  '010-ingest-scale': m010IngestScale,
  '011-detect-shards': m011DetectShards,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

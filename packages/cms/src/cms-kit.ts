import { moduleKit } from '@orion/contracts';
import type { CmsConfig } from './cms-config.js';
import type { CmsDatabase } from './schema.js';

/**
 * Types the module's routes and metrics provider, written in their own files: their `db` is a
 * `Kysely<CmsDatabase>` and a route's `config` is a `CmsConfig`.
 */
export const cmsKit = moduleKit<CmsDatabase, CmsConfig>();

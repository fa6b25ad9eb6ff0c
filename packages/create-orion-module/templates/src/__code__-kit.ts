import { moduleKit } from '@orion/contracts';
import type { __Pascal__Config } from './__code__-config.js';
import type { __Pascal__Database } from './schema.js';

/**
 * Types the module's routes and metrics provider, written in their own files: their `db` is a
 * `Kysely<__Pascal__Database>` and a route's `config` is a `__Pascal__Config`.
 */
export const __camel__Kit = moduleKit<__Pascal__Database, __Pascal__Config>();

/** The marketplace module's typed parts kit. */
import { moduleKit } from '@orion/contracts';
import type { MarketplaceConfig } from './marketplace-config.js';
import type { MarketplaceDatabase } from './schema.js';

/**
 * Types the marketplace module's routes and tasks with {@link MarketplaceDatabase} and
 * {@link MarketplaceConfig}: their `db` is a `Kysely<MarketplaceDatabase>` and their `config` a
 * `MarketplaceConfig`, with no casts.
 *
 * @example
 * ```ts
 * import { marketplaceKit } from './marketplace-kit.js';
 * const uploadDir = marketplaceKit.route({ method: 'GET', path: '/upload-dir', handler: ({ config }) => config.uploadDir });
 * ```
 */
export const marketplaceKit = moduleKit<MarketplaceDatabase, MarketplaceConfig>();

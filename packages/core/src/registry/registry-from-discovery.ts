import type { ModuleDefinition } from '@orion/contracts';
import { tenancyModule } from '@orion/tenancy';
import type { DiscoveryResult } from '../discovery/discover-modules.js';
import { ModuleRegistry, type ModuleSource } from './module-registry.js';

/**
 * Builds the {@link ModuleRegistry} of an app from what discovery found and the modules passed
 * explicitly, adding `@orion/tenancy` when neither brought it: the host needs it. `createOrion` and
 * the `orion` command line both build their registry here, so they see the same modules.
 *
 * @throws OrionError `ORION_ERR_MODULE_DUPLICATE`, `ORION_ERR_MODULE_REQUIREMENT_MISSING`,
 *   `ORION_ERR_MODULE_REQUIREMENT_CYCLE`, `ORION_ERR_MODULE_TIER_VIOLATION`.
 */
export function registryFromDiscovery(
  discovery: DiscoveryResult | undefined,
  modules: readonly ModuleDefinition[] = [],
): ModuleRegistry {
  const entries: { definition: ModuleDefinition; source?: ModuleSource }[] = [
    ...(discovery?.modules ?? []).map((module) => ({
      definition: module.definition,
      source: { packageName: module.packageName, packageVersion: module.packageVersion, entryFile: module.entryFile },
    })),
    ...modules.map((definition) => ({ definition })),
  ];
  if (!entries.some((entry) => entry.definition.code === tenancyModule.code)) {
    entries.unshift({ definition: tenancyModule, source: { packageName: '@orion/tenancy' } });
  }
  return ModuleRegistry.create(entries);
}

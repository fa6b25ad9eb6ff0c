import type { ModuleDefinition } from '@orion/contracts';
import { registryFromDiscovery } from '../registry/registry-from-discovery.js';
import type { OrionTranslator } from './orion-translator.js';
import { Translator } from './translator.js';

/** Options of {@link createTranslator}. */
export interface CreateTranslatorOptions {
  /** Modules whose messages and error codes to include, besides the host's and tenancy's. Default: none. */
  modules?: readonly ModuleDefinition[];
}

/**
 * A translator without a host: the host's messages (every `ORION_ERR_*` code in en, de, fr, lb),
 * `@orion/tenancy`'s (a host always has it) and those of the given modules, as `createOrion` would
 * build them. For an app that answers before its host has started (a
 * `503 ORION_ERR_NOT_READY` in the caller's language) or renders errors elsewhere; a running
 * host has its own as `orion.translator`.
 *
 * @throws OrionError the module-graph codes of `createOrion` when `modules` do not form a valid
 *   graph (`ORION_ERR_MODULE_DUPLICATE`, `ORION_ERR_MODULE_REQUIREMENT_MISSING`, ...).
 * @example
 * ```ts
 * import { OrionError, createTranslator } from '@orion/core';
 *
 * const translator = createTranslator();
 * translator.error('de', 'ORION_ERR_NOT_READY', {}, new OrionError('ORION_ERR_NOT_READY').message);
 * ```
 */
export function createTranslator(options: CreateTranslatorOptions = {}): OrionTranslator {
  return new Translator(registryFromDiscovery(undefined, options.modules));
}

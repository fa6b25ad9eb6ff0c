import { OrionError, type ErrorDefinition, type ModuleDefinition } from '@orion/contracts';

/** Where a module is documented: core / optional / internal. */
export type ModuleTier = 'core' | 'optional' | 'internal';

/** Where a registered module came from, for error messages and `orion modules`. */
export interface ModuleSource {
  packageName?: string | undefined;
  packageVersion?: string | undefined;
  entryFile?: string | undefined;
}

/** One installed module as the registry holds it. */
export interface RegisteredModule {
  code: string;
  tier: ModuleTier;
  definition: ModuleDefinition;
  source: ModuleSource;
}

/** One module error code as the registry holds it: the module that declares it, and its definition. */
export interface RegisteredErrorCode {
  code: string;
  /** The code of the module that declares it. */
  module: string;
  definition: ErrorDefinition;
}

/** First-party module codes and their packages, so a missing requirement can say what to install. */
const knownPackages: Record<string, string> = {
  tenancy: '@orion/tenancy',
  orders: '@orion/orders',
  catalog: '@orion/catalog',
  inventory: '@orion/inventory',
  marketplace: '@orion/marketplace',
};

/** The tier a definition declares. */
export function tierOf(definition: ModuleDefinition): ModuleTier {
  if (definition.isCore) return 'core';
  return definition.isInternal ? 'internal' : 'optional';
}

/**
 * Every installed module, validated as a graph and kept in dependency order.
 *
 * Validation runs in a fixed order, and the first failing step throws: duplicates (module codes,
 * then error codes) → requirements installed → no cycles → core modules require only core modules.
 *
 * @example
 * ```ts
 * orion.registry.codes();        // ['tenancy', 'inventory', 'marketplace', ...] requirements first
 * orion.registry.tier('orders'); // 'optional'
 * ```
 */
export class ModuleRegistry {
  readonly #ordered: RegisteredModule[];
  readonly #byCode: Map<string, RegisteredModule>;
  readonly #errorCodes: Map<string, RegisteredErrorCode>;

  private constructor(ordered: RegisteredModule[], errorCodes: Map<string, RegisteredErrorCode>) {
    this.#ordered = ordered;
    this.#byCode = new Map(ordered.map((module) => [module.code, module]));
    this.#errorCodes = errorCodes;
  }

  /**
   * Validates the module graph and builds the registry.
   *
   * @throws OrionError `ORION_ERR_MODULE_DUPLICATE`, `ORION_ERR_MODULE_ERROR_CODE_DUPLICATE`, `ORION_ERR_MODULE_REQUIREMENT_MISSING`,
   *   `ORION_ERR_MODULE_REQUIREMENT_CYCLE`, `ORION_ERR_MODULE_TIER_VIOLATION`.
   */
  static create(entries: { definition: ModuleDefinition; source?: ModuleSource }[]): ModuleRegistry {
    const byCode = new Map<string, RegisteredModule>();
    for (const { definition, source = {} } of entries) {
      const existing = byCode.get(definition.code);
      if (existing) {
        throw new OrionError('ORION_ERR_MODULE_DUPLICATE', {
          code: definition.code,
          first: describeSource(existing.source),
          second: describeSource(source),
        });
      }
      byCode.set(definition.code, { code: definition.code, tier: tierOf(definition), definition, source });
    }
    const errorCodes = collectErrorCodes([...byCode.values()]);
    const sorted = [...byCode.values()].sort(compareModules);
    for (const module of sorted) {
      for (const required of module.definition.requires) {
        if (!byCode.has(required)) {
          const known = knownPackages[required];
          throw new OrionError('ORION_ERR_MODULE_REQUIREMENT_MISSING', {
            code: module.code,
            required,
            packageName: known,
            requiredBy: describeSource(module.source),
            hint: known
              ? `Install ${known} (for example \`npm install ${known}\`) and add it to your dependencies.`
              : `Install the package that provides module "${required}" and add it to your dependencies.`,
          });
        }
      }
    }
    const ordered = topologicalOrder(sorted, byCode);
    for (const module of ordered) {
      if (module.tier !== 'core') continue;
      for (const required of module.definition.requires) {
        const requiredTier = byCode.get(required)!.tier;
        if (requiredTier !== 'core') {
          throw new OrionError('ORION_ERR_MODULE_TIER_VIOLATION', { code: module.code, required, requiredTier });
        }
      }
    }
    return new ModuleRegistry(ordered, errorCodes);
  }

  /** Every module, requirements before the modules that need them. */
  all(): readonly RegisteredModule[] {
    return this.#ordered;
  }

  /** Every module code, in dependency order. */
  codes(): string[] {
    return this.#ordered.map((module) => module.code);
  }

  /** The module error code `code` (not the host's own), or `undefined` when no installed module declares it. */
  errorCode(code: string): RegisteredErrorCode | undefined {
    return this.#errorCodes.get(code);
  }

  /** Every error code the installed modules declare, by code. */
  errorCodes(): ReadonlyMap<string, RegisteredErrorCode> {
    return this.#errorCodes;
  }

  /** The modules of one tier, in dependency order. */
  byTier(tier: ModuleTier): RegisteredModule[] {
    return this.#ordered.filter((module) => module.tier === tier);
  }

  /** The module with this code, or `undefined` when it is not installed. */
  get(code: string): RegisteredModule | undefined {
    return this.#byCode.get(code);
  }

  /** Whether a module with this code is installed. */
  has(code: string): boolean {
    return this.#byCode.has(code);
  }

  /**
   * The tier of an installed module.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  tier(code: string): ModuleTier {
    return this.require(code).tier;
  }

  /**
   * The module with this code.
   *
   * @throws OrionError `ORION_ERR_MODULE_NOT_INSTALLED`
   */
  require(code: string): RegisteredModule {
    const module = this.#byCode.get(code);
    if (!module) throw new OrionError('ORION_ERR_MODULE_NOT_INSTALLED', { code });
    return module;
  }

  /** `code` and everything it requires, directly or not, requirements first. */
  requirementsOf(code: string): string[] {
    const wanted = new Set<string>();
    const visit = (current: string) => {
      if (wanted.has(current)) return;
      wanted.add(current);
      for (const required of this.require(current).definition.requires) visit(required);
    };
    visit(code);
    return this.codes().filter((candidate) => wanted.has(candidate));
  }

  /** `code` and every installed module that requires it, directly or not, dependents first. */
  dependentsOf(code: string): string[] {
    const affected = new Set([code]);
    for (const module of this.#ordered) {
      if (module.definition.requires.some((required) => affected.has(required))) affected.add(module.code);
    }
    return this.codes()
      .filter((candidate) => affected.has(candidate))
      .reverse();
  }
}

/** Every module's error codes; a code two modules declare is a start-up error. */
function collectErrorCodes(modules: RegisteredModule[]): Map<string, RegisteredErrorCode> {
  const collected = new Map<string, RegisteredErrorCode>();
  for (const module of modules) {
    // a definition built by an older @orion/contracts has no `errors`
    for (const [code, definition] of Object.entries(module.definition.errors ?? {})) {
      const first = collected.get(code);
      if (first) {
        throw new OrionError('ORION_ERR_MODULE_ERROR_CODE_DUPLICATE', {
          errorCode: code,
          first: first.module,
          second: module.code,
        });
      }
      collected.set(code, { code, module: module.code, definition });
    }
  }
  return collected;
}

function compareModules(a: RegisteredModule, b: RegisteredModule): number {
  const rank = { core: 0, optional: 1, internal: 2 } as const;
  return rank[a.tier] - rank[b.tier] || a.code.localeCompare(b.code);
}

function topologicalOrder(sorted: RegisteredModule[], byCode: Map<string, RegisteredModule>): RegisteredModule[] {
  const ordered: RegisteredModule[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (module: RegisteredModule) => {
    const current = state.get(module.code);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...path.slice(path.indexOf(module.code)), module.code];
      throw new OrionError('ORION_ERR_MODULE_REQUIREMENT_CYCLE', { cycle: cycle.join(' -> '), modules: cycle });
    }
    state.set(module.code, 'visiting');
    path.push(module.code);
    for (const required of [...module.definition.requires].sort()) visit(byCode.get(required)!);
    path.pop();
    state.set(module.code, 'done');
    ordered.push(module);
  };
  for (const module of sorted) visit(module);
  return ordered;
}

function describeSource(source: ModuleSource): string {
  if (!source.packageName) return 'a module passed in the "modules" option';
  const version = source.packageVersion ? `@${source.packageVersion}` : '';
  return `${source.packageName}${version}${source.entryFile ? ` (${source.entryFile})` : ''}`;
}

import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  OrionError,
  formatValidationIssues,
  isModuleDefinition,
  moduleDefinitionSchema,
  toValidationIssues,
  type ModuleDefinition,
} from '@orion/contracts';
import { moduleManifestSchema } from './module-manifest.js';
import { locatePackage } from './package-locator.js';

/** A module found on disk, with where it came from. */
export interface DiscoveredModule {
  definition: ModuleDefinition;
  packageName: string;
  packageVersion: string;
  packageDir: string;
  /** The package.json that declared the `orion` field. */
  manifestFile: string;
  /** The file the definition was imported from. */
  entryFile: string;
}

/** Why discovery passed over a dependency. */
export type DiscoverySkipReason = 'not-installed' | 'duplicate-copy';

/** A dependency discovery did not load, and why; never silent. */
export interface DiscoverySkip {
  packageName: string;
  /** The package whose dependency list named it. */
  requiredBy: string;
  reason: DiscoverySkipReason;
  detail: string;
}

/** What {@link discoverModules} found. */
export interface DiscoveryResult {
  appManifest: string;
  modules: DiscoveredModule[];
  skipped: DiscoverySkip[];
}

/** Options for {@link discoverModules}. */
export interface DiscoverOptions {
  /** The app's folder, holding its package.json. Default: `process.cwd()`. */
  cwd?: string;
  /** Follow the app's devDependencies too (tests, tooling). Default: false. */
  includeDevDependencies?: boolean;
}

interface PackageJson {
  name?: string;
  version?: string;
  orion?: unknown;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

interface Dependent {
  dir: string;
  name: string;
  manifest: PackageJson;
  isApp: boolean;
}

/**
 * Finds every Orion module the app can load, starting from its package.json.
 *
 * It follows the dependencies of the app and of Orion packages (those in the `@orion/` scope or
 * declaring an `orion` field) with Node's own lookup from each dependent's real directory, so
 * pnpm's isolated layout, npm's hoisted layout and workspace links all work. A package with an
 * `orion` field is a module: its entry is imported and must export a {@link ModuleDefinition}.
 *
 * @throws OrionError `ORION_ERR_APP_MANIFEST_INVALID`, `ORION_ERR_MODULE_MANIFEST_INVALID`,
 *   `ORION_ERR_MODULE_ENTRY_INVALID`, `ORION_ERR_MODULE_DEFINITION_INVALID`.
 * @example
 * ```ts
 * import { discoverModules } from '@orion/core';
 * const { modules, skipped } = await discoverModules({ cwd: '/srv/shop' });
 * ```
 */
export async function discoverModules(options: DiscoverOptions = {}): Promise<DiscoveryResult> {
  const appDir = resolve(options.cwd ?? process.cwd());
  const appManifest = join(appDir, 'package.json');
  const app = readAppManifest(appManifest);
  const result: DiscoveryResult = { appManifest, modules: [], skipped: [] };
  const visited = new Set<string>();
  const byNameAndVersion = new Map<string, string>();
  const queue: Dependent[] = [
    { dir: realpathSync(appDir), name: app.name ?? relative(process.cwd(), appDir), manifest: app, isApp: true },
  ];

  while (queue.length > 0) {
    const dependent = queue.shift()!;
    for (const name of dependencyNames(dependent, options.includeDevDependencies === true)) {
      const packageDir = locatePackage(name, dependent.dir);
      if (!packageDir) {
        // an absent optional peer or optional dependency (Fastify, pg) is the app's choice, not a problem
        if (isOptional(dependent.manifest, name)) continue;
        result.skipped.push({
          packageName: name,
          requiredBy: dependent.name,
          reason: 'not-installed',
          detail: `listed by ${dependent.name} but not found from ${dependent.dir}`,
        });
        continue;
      }
      if (visited.has(packageDir)) continue;
      const manifestFile = join(packageDir, 'package.json');
      const manifest = readPackageManifest(name, manifestFile);
      visited.add(packageDir);
      const isOrionPackage = manifest.orion !== undefined || name.startsWith('@orion/');
      if (!isOrionPackage) continue;

      if (manifest.orion !== undefined) {
        const identity = `${name}@${manifest.version ?? '0.0.0'}`;
        const firstCopy = byNameAndVersion.get(identity);
        if (firstCopy) {
          result.skipped.push({
            packageName: name,
            requiredBy: dependent.name,
            reason: 'duplicate-copy',
            detail: `${identity} at ${packageDir} is a second copy of ${firstCopy}; the first copy is used`,
          });
          continue;
        }
        byNameAndVersion.set(identity, packageDir);
        result.modules.push(await loadModule(name, manifest, manifestFile, packageDir));
      }
      queue.push({ dir: packageDir, name, manifest, isApp: false });
    }
  }
  return result;
}

function dependencyNames(dependent: Dependent, includeDev: boolean): string[] {
  const { manifest } = dependent;
  const names = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...(dependent.isApp && includeDev ? Object.keys(manifest.devDependencies ?? {}) : []),
  ]);
  return [...names].sort();
}

/** Whether `manifest` lets `name` be absent: an optional dependency or a peer marked optional. */
function isOptional(manifest: PackageJson, name: string): boolean {
  if (manifest.optionalDependencies?.[name] !== undefined) return true;
  return manifest.peerDependencies?.[name] !== undefined && manifest.peerDependenciesMeta?.[name]?.optional === true;
}

async function loadModule(
  packageName: string,
  manifest: PackageJson,
  manifestFile: string,
  packageDir: string,
): Promise<DiscoveredModule> {
  const parsed = moduleManifestSchema.safeParse(manifest.orion);
  if (!parsed.success) {
    throw new OrionError('ORION_ERR_MODULE_MANIFEST_INVALID', {
      packageName,
      file: manifestFile,
      issues: formatValidationIssues(toValidationIssues(parsed.error)),
    });
  }
  const entryFile = resolve(packageDir, parsed.data.module);
  if (!existsSync(entryFile)) {
    throw new OrionError('ORION_ERR_MODULE_ENTRY_INVALID', {
      packageName,
      file: entryFile,
      reason: `the file does not exist (declared by "orion.module" in ${manifestFile}; is the package built?)`,
    });
  }
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(entryFile).href)) as Record<string, unknown>;
  } catch (error) {
    throw new OrionError(
      'ORION_ERR_MODULE_ENTRY_INVALID',
      { packageName, file: entryFile, reason: (error as Error)?.message ?? String(error) },
      { cause: error },
    );
  }
  const exportName = parsed.data.export;
  const candidate = exports[exportName];
  const where = `"${exportName}" of ${entryFile} (package ${packageName})`;
  if (!isModuleDefinition(candidate)) {
    throw new OrionError('ORION_ERR_MODULE_DEFINITION_INVALID', {
      where,
      packageName,
      file: entryFile,
      issues:
        candidate === undefined
          ? `the entry has no export named "${exportName}"`
          : 'the export is not a module definition made by defineModule()',
    });
  }
  const checked = moduleDefinitionSchema.safeParse(candidate);
  if (!checked.success) {
    throw new OrionError('ORION_ERR_MODULE_DEFINITION_INVALID', {
      where,
      packageName,
      file: entryFile,
      issues: formatValidationIssues(toValidationIssues(checked.error)),
    });
  }
  return {
    definition: candidate,
    packageName,
    packageVersion: manifest.version ?? '0.0.0',
    packageDir,
    manifestFile,
    entryFile,
  };
}

function readAppManifest(file: string): PackageJson {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (error) {
    throw new OrionError(
      'ORION_ERR_APP_MANIFEST_INVALID',
      { file, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message },
      { cause: error },
    );
  }
}

function readPackageManifest(packageName: string, file: string): PackageJson {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  } catch (error) {
    throw new OrionError(
      'ORION_ERR_MODULE_MANIFEST_INVALID',
      { packageName, file, issues: `package.json can not be read (${(error as Error).message})` },
      { cause: error },
    );
  }
}

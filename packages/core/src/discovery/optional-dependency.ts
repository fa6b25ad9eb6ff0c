import { createRequire } from 'node:module';
import { OrionError } from '@orion/contracts';

/**
 * The features of `@orion/core` whose packages are optional peers: each package is loaded on first
 * use, so an app that does not use the feature installs nothing for it. `packages` is what the app
 * installs for it (PostgreSQL needs the driver and the task queue that runs on it).
 */
export const optionalFeatures = {
  postgres: { feature: 'PostgreSQL support', packages: 'pg pg-boss' },
} as const;

type OptionalFeature = (typeof optionalFeatures)[keyof typeof optionalFeatures];

const require = createRequire(import.meta.url);

/**
 * Loads an optional peer with `load` (a dynamic `import()` of a literal specifier, so bundlers see
 * it), turning "not installed" into `ORION_ERR_OPTIONAL_DEPENDENCY_MISSING` that names what to install.
 */
export async function importOptional<T>(
  optional: OptionalFeature,
  specifier: string,
  load: () => Promise<T>,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw missing(optional, specifier, error) ?? error;
  }
}

/**
 * The same for a synchronous caller ({@link openDatabase} is synchronous): Node's `require` of a
 * CommonJS peer (`pg`), still only on first use.
 */
export function requireOptional<T>(optional: OptionalFeature, specifier: string): T {
  try {
    return require(specifier) as T;
  } catch (error) {
    throw missing(optional, specifier, error) ?? error;
  }
}

function missing(optional: OptionalFeature, specifier: string, error: unknown): OrionError | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  const notFound = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  if (!notFound || !message.includes(`'${specifier}'`)) return undefined;
  return new OrionError(
    'ORION_ERR_OPTIONAL_DEPENDENCY_MISSING',
    { feature: optional.feature, packages: optional.packages },
    { cause: error },
  );
}

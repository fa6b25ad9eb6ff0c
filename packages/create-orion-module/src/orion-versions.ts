import { readFileSync, readdirSync } from 'node:fs';

declare const __ORION_VERSIONS__: Record<string, string> | undefined;

/**
 * The versions of the `@orion/*` packages released together with this scaffold, by package name
 * (`{ '@orion/core': '0.1.0', … }`). The build bakes them in from the workspace; run from source (the
 * workspace's own tests), they are read from the sibling packages.
 *
 * @example
 * ```ts
 * import { orionVersions } from 'create-orion-module';
 * orionVersions()['@orion/core']; // '0.1.0'
 * ```
 */
export function orionVersions(): Readonly<Record<string, string>> {
  if (typeof __ORION_VERSIONS__ !== 'undefined') return __ORION_VERSIONS__;
  const packages = new URL('../../', import.meta.url);
  const versions: Record<string, string> = {};
  for (const folder of readdirSync(packages)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(`${folder}/package.json`, packages), 'utf8')) as {
        name: string;
        version: string;
      };
      if (manifest.name.startsWith('@orion/')) versions[manifest.name] = manifest.version;
    } catch {
      // not a package folder
    }
  }
  return versions;
}

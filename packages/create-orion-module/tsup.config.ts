import { readFileSync, readdirSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import base from '../../tsup.config.base.js';

/**
 * The versions of the `@orion/*` packages released with this one, read from the workspace when the
 * scaffold is built: a generated module depends on exactly these.
 */
function orionVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const folder of readdirSync(new URL('..', import.meta.url))) {
    const manifest = JSON.parse(readFileSync(new URL(`../${folder}/package.json`, import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    if (manifest.name.startsWith('@orion/')) versions[manifest.name] = manifest.version;
  }
  return versions;
}

/** The shared build with two entries, the library and the `create-orion-module` command, and the versions baked in. */
export default defineConfig({
  ...(base as Options),
  entry: ['src/index.ts', 'src/bin.ts'],
  define: { __ORION_VERSIONS__: JSON.stringify(orionVersions()) },
});

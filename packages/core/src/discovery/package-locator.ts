import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Finds the directory of package `name` as Node's ESM resolver would from `fromDir`: the
 * `node_modules` folder of `fromDir` and of each parent in turn (ESM ignores `NODE_PATH` and the
 * global folders), resolved through symlinks (pnpm's isolated layout, workspace links). It looks
 * for `<name>/package.json` on disk, so packages whose `exports` hide package.json are found too.
 * Returns `undefined` when the package is not installed.
 */
export function locatePackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    if (!dir.endsWith('/node_modules') && !dir.endsWith('\\node_modules')) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

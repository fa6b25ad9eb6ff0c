import { readFileSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** One installed copy of a package: its real folder and its package.json. */
export interface InstalledCopy {
  name: string;
  version: string;
  /** The folder, with every symlink resolved. */
  dir: string;
  manifest: InstalledManifest;
}

/** The fields of an installed package.json that `orion doctor` reads. */
export interface InstalledManifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Every installed copy of the packages `wanted` picks, found by walking `nodeModulesDir`: scoped
 * folders, nested `node_modules` (npm's layout when versions clash), pnpm's `.pnpm` store, and the
 * targets of symlinks (pnpm's links, workspace links) with the `node_modules` folder they sit in,
 * where pnpm keeps a package's dependencies. Copies are told apart by real path, so a package
 * reached through several links counts once.
 */
export function findInstalledCopies(nodeModulesDir: string, wanted: (name: string) => boolean): InstalledCopy[] {
  const walkedFolders = new Set<string>();
  const visitedPackages = new Set<string>();
  const copies: InstalledCopy[] = [];

  const walk = (folder: string) => {
    const real = realPath(folder);
    if (real === undefined || walkedFolders.has(real)) return;
    walkedFolders.add(real);
    for (const entry of entries(real)) {
      if (entry === '.pnpm') {
        for (const stored of entries(join(real, entry))) {
          walk(stored === 'node_modules' ? join(real, entry, stored) : join(real, entry, stored, 'node_modules'));
        }
      } else if (entry.startsWith('@')) {
        for (const scoped of entries(join(real, entry))) visit(join(real, entry, scoped), `${entry}/${scoped}`);
      } else if (!entry.startsWith('.')) {
        visit(join(real, entry), entry);
      }
    }
  };

  const visit = (folder: string, name: string) => {
    const dir = realPath(folder);
    if (dir === undefined || visitedPackages.has(dir)) return;
    visitedPackages.add(dir);
    if (wanted(name)) {
      const manifest = readManifest(join(dir, 'package.json'));
      if (manifest) copies.push({ name: manifest.name ?? name, version: manifest.version ?? '0.0.0', dir, manifest });
    }
    walk(join(dir, 'node_modules'));
    const container = name.startsWith('@') ? dirname(dirname(dir)) : dirname(dir);
    if (basename(container) === 'node_modules') walk(container);
  };

  walk(nodeModulesDir);
  return copies.sort((a, b) => a.name.localeCompare(b.name) || a.dir.localeCompare(b.dir));
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function entries(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

/** A package.json, or `undefined` when there is none or it is not JSON. */
export function readManifest(file: string): InstalledManifest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as InstalledManifest;
  } catch {
    return undefined;
  }
}

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { init, parse } from 'es-module-lexer';
import type { DiscoveredModule } from '../discovery/discover-modules.js';
import { tierOf, type ModuleTier } from '../registry/module-registry.js';

/** An import that breaks the tier rules: which package imported which, and where. */
export interface ImportViolation {
  importer: { packageName: string; code: string; tier: ModuleTier };
  imported: { packageName: string; code: string; tier: ModuleTier };
  file: string;
  rule: string;
}

/** What {@link checkImportRules} read and found. */
export interface ImportRulesReport {
  violations: ImportViolation[];
  filesChecked: number;
  /** Files the lexer could not read, with its message; they are reported, not checked. */
  unreadable: { file: string; reason: string }[];
}

/**
 * Checks the import rules over the installed module packages' JavaScript: a core module's package
 * must not import an optional module's package, and an optional module's package must not import
 * another optional module's package; internal modules count as optional on both sides. Every
 * `.js`/`.mjs` file of a package (outside `node_modules`) is lexed with es-module-lexer; static
 * imports, re-exports and `import('x')` with a string literal count, and bare specifiers map to
 * package names (`@scope/name/sub` → `@scope/name`).
 */
export async function checkImportRules(modules: readonly DiscoveredModule[]): Promise<ImportRulesReport> {
  await init();
  const byPackage = new Map(
    modules.map((module) => [
      module.packageName,
      { packageName: module.packageName, code: module.definition.code, tier: tierOf(module.definition) },
    ]),
  );
  const report: ImportRulesReport = { violations: [], filesChecked: 0, unreadable: [] };
  for (const module of modules) {
    const importer = byPackage.get(module.packageName)!;
    for (const file of javaScriptFiles(module.packageDir)) {
      report.filesChecked++;
      let specifiers: string[];
      try {
        specifiers = importedSpecifiers(readFileSync(file, 'utf8'));
      } catch (error) {
        report.unreadable.push({ file, reason: error instanceof Error ? error.message : String(error) });
        continue;
      }
      const importedPackages = new Set(specifiers.map(packageNameOf).filter((name) => name !== undefined));
      for (const name of importedPackages) {
        const imported = byPackage.get(name);
        if (!imported || name === importer.packageName || imported.tier === 'core') continue;
        report.violations.push({
          importer,
          imported,
          file,
          rule:
            importer.tier === 'core'
              ? 'a core module must not import an optional module'
              : 'an optional module must not import another optional module; declare `requires` and use a service reference instead',
        });
      }
    }
  }
  return report;
}

function importedSpecifiers(source: string): string[] {
  const [imports] = parse(source);
  const specifiers: string[] = [];
  for (const entry of imports) {
    if (entry.type === 'import-meta') continue;
    if (entry.type === 'dynamic' && (entry.specifier === undefined || entry.glob)) continue;
    if (entry.specifier !== undefined) specifiers.push(entry.specifier);
  }
  return specifiers;
}

/** The package a bare specifier names; `undefined` for relative paths, `node:` builtins, URLs and `#imports`. */
export function packageNameOf(specifier: string): string | undefined {
  if (/^(\.|\/|#)/.test(specifier) || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0] || undefined;
}

/** Every `.js` and `.mjs` file under `dir`, skipping `node_modules`, dot-folders and symlinked folders. */
function javaScriptFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...javaScriptFiles(path));
    } else if (entry.isFile() && /\.m?js$/.test(entry.name)) {
      files.push(path);
    }
  }
  return files.sort();
}

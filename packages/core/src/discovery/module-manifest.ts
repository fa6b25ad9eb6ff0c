import { z } from 'zod';

/**
 * The `orion` field of a module package's package.json: the file that exports the module
 * definition, and which export (default: `default`).
 *
 * ```json
 * { "orion": { "module": "./dist/index.js", "export": "ordersModule" } }
 * ```
 */
export const moduleManifestSchema = z
  .object({
    module: z.string().regex(/^\.\//, 'Expected a path relative to the package, starting with "./"'),
    export: z.string().min(1).default('default'),
  })
  .strict();

export type ModuleManifest = z.infer<typeof moduleManifestSchema>;

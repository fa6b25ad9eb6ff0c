/**
 * The hostile suite's host: every module installed, served over real HTTP with the test app's
 * header authentication, and the routes listed from the installed modules' definitions through
 * `orion.registry` (so a new route is attacked without anyone adding it here).
 */
import { catalogModule } from '../../packages/catalog/src/index.js';
import { cmsModule } from '../../packages/cms/src/index.js';
import type { RouteDefinition, RouteFrontend } from '../../packages/contracts/src/index.js';
import { customersModule } from '../../packages/customers/src/index.js';
import { inventoryModule } from '../../packages/inventory/src/index.js';
import { marketplaceModule } from '../../packages/marketplace/src/index.js';
import { ordersModule } from '../../packages/orders/src/index.js';
import type { RegisteredModule } from '../../packages/core/src/index.js';
import type { TestHost } from '../../packages/testing/src/index.js';

/** The modules of the demo app, in the order it installs them. */
export const hostileModules = [
  catalogModule,
  inventoryModule,
  ordersModule,
  customersModule,
  cmsModule,
  marketplaceModule,
];

/** One installed route: its module, frontend, definition and mounted path template. */
export interface InstalledRoute {
  module: string;
  frontend: RouteFrontend;
  route: RouteDefinition;
  /** `/api/v1/<frontend>/<module><path>`, with its `:params`. */
  template: string;
  /** `GET /api/v1/store/orders/orders/:orderId`. */
  name: string;
}

/** Every route of every installed module, from the registry. */
export function installedRoutes(host: TestHost): InstalledRoute[] {
  return modulesOf(host).flatMap((module) =>
    (Object.entries(module.definition.routes ?? {}) as [string, RouteDefinition[]][]).flatMap(([frontend, routes]) =>
      routes.map((route) => {
        const template = `/api/v1/${frontend}/${module.code}${route.path === '/' ? '' : route.path}`;
        return {
          module: module.code,
          frontend: frontend as RouteFrontend,
          route,
          template,
          name: `${route.method} ${template}`,
        };
      }),
    ),
  );
}

/** Every permission the installed modules declare. */
export function allPermissions(host: TestHost): string[] {
  return modulesOf(host).flatMap((module) => (module.definition.permissions ?? []).map((p) => p.code));
}

function modulesOf(host: TestHost): readonly RegisteredModule[] {
  return host.orion.registry.all();
}

/** The `:name`s of a path template. */
export function paramNames(template: string): string[] {
  return [...template.matchAll(/:(\w+)/g)].map((match) => match[1]!);
}

/** The template with each `:name` replaced by `values[name]` (URL-encoded unless `raw`). */
export function fillPath(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name] ?? '1';
    if (raw) return value;
    try {
      return encodeURIComponent(value);
    } catch {
      return '%ED%A0%80'; // a lone surrogate: its bytes, which are not UTF-8
    }
  });
}

/** Driver or database text that must never reach a client, and stack lines. */
export const rawDatabaseText =
  /SQLITE_|violates|syntax error|relation "|duplicate key|invalid byte sequence|\bat \S+ \(|node_modules|\.ts:\d+/i;

/** Whether `body` is Orion's error body: `{ error: { code: '…_ERR_…', message } }`. */
export function isCodedError(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return (
    typeof error?.code === 'string' && /^[A-Z]+_ERR_[A-Z_]+$/.test(error.code) && typeof error.message === 'string'
  );
}

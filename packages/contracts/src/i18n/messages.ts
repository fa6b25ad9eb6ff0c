import { z } from 'zod';

/** The languages every module ships messages for: English, German, French, Luxembourgish. */
export const supportedLocales = ['en', 'de', 'fr', 'lb'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

/**
 * A module's messages: flat keys per locale, `{{name}}` for values. English is required; the
 * other three should hold every English key (CI checks it).
 *
 * Keys the host reads on its own:
 * - `menu.<menu item id>`: a menu label;
 * - `permission.<permission code>`: a permission's label;
 * - `metric.<metric key without currency>.label` and `.description`: dashboard labels;
 * - `error.<ORION_ERR_CODE>`: an error message (core's own namespace).
 *
 * @example
 * ```ts
 * import type { ModuleMessages } from '@orion/contracts';
 *
 * const messages: ModuleMessages = {
 *   en: { 'menu.orders': 'Orders', 'metric.orders.count.label': 'Orders' },
 *   de: { 'menu.orders': 'Bestellungen', 'metric.orders.count.label': 'Bestellungen' },
 * };
 * ```
 */
export const moduleMessagesSchema = z
  .object({ en: z.record(z.string(), z.string()) })
  .catchall(z.record(z.string(), z.string()));

export type ModuleMessages = z.infer<typeof moduleMessagesSchema>;

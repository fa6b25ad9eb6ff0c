/** A store's theme: its code and settings, validated with zod; the default theme when none is chosen. */
import { idSchema, nowTimestamp, toIsoTimestamp } from '@orion/contracts';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CmsDatabase } from './schema.js';

/** The theme of a store that has not chosen one; a store with this code is not counted as themed. */
export const defaultThemeCode = 'default';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Expected a colour such as "#1a2b3c"');

/**
 * Validates a theme's settings: the few values every theme reads (colours, font, logo as a media
 * file id) and `custom`, a flat map of a theme's own short values. Unknown keys are refused.
 *
 * @example
 * ```ts
 * import { themeSettingsSchema } from '@orion/cms';
 *
 * themeSettingsSchema.parse({ primaryColor: '#0a7cff', custom: { heroStyle: 'wide' } });
 * ```
 */
export const themeSettingsSchema = z.strictObject({
  primaryColor: hexColor.optional(),
  accentColor: hexColor.optional(),
  fontFamily: z.string().trim().min(1).max(100).optional(),
  logoMediaId: idSchema.optional(),
  custom: z
    .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/), z.union([z.string().max(500), z.number(), z.boolean()]))
    .refine((custom) => Object.keys(custom).length <= 50, 'At most 50 custom settings')
    .optional(),
});

/** A theme's settings; see {@link themeSettingsSchema}. */
export type ThemeSettings = z.output<typeof themeSettingsSchema>;

/** Validates `PUT /theme`'s body: `{ themeCode, settings? }`, the code kebab-case. */
export const setThemeInputSchema = z.strictObject({
  themeCode: z
    .string()
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'Expected a kebab-case theme code such as "default" or "summer-sale"')
    .max(64),
  settings: themeSettingsSchema.default({}),
});

/** A store's theme as the routes answer it; `updatedAt` is `null` for the default (no row). */
export interface CmsTheme {
  storeId: number;
  themeCode: string;
  settings: ThemeSettings;
  updatedAt: string | null;
}

/** The store's theme, or the default one with empty settings when the store has chosen none. */
export async function getStoreTheme(db: Kysely<CmsDatabase>, storeId: number): Promise<CmsTheme> {
  const row = await db.selectFrom('cms_themes').selectAll().where('store_id', '=', storeId).executeTakeFirst();
  if (!row) return { storeId, themeCode: defaultThemeCode, settings: {}, updatedAt: null };
  return {
    storeId,
    themeCode: row.theme_code,
    settings: themeSettingsSchema.parse(JSON.parse(row.settings)),
    updatedAt: toIsoTimestamp(row.updated_at),
  };
}

/** Sets the store's theme (one row per store, replaced). */
export async function setStoreTheme(
  db: Kysely<CmsDatabase>,
  storeId: number,
  input: z.output<typeof setThemeInputSchema>,
): Promise<CmsTheme> {
  const updatedAt = nowTimestamp();
  const settings = JSON.stringify(input.settings);
  await db
    .insertInto('cms_themes')
    .values({ store_id: storeId, theme_code: input.themeCode, settings, updated_at: updatedAt })
    .onConflict((conflict) =>
      conflict.column('store_id').doUpdateSet({ theme_code: input.themeCode, settings, updated_at: updatedAt }),
    )
    .execute();
  return { storeId, themeCode: input.themeCode, settings: input.settings, updatedAt: toIsoTimestamp(updatedAt) };
}

import { resolveLocale, supportedLocales, type SupportedLocale } from '@orion/core';

/**
 * The locale of a request: an explicit `locale` (a query parameter) when given, else the
 * `Accept-Language` language Orion has messages for with the highest weight, else `en`; always
 * resolved by core's `resolveLocale` to `en`, `de`, `fr` or `lb`.
 *
 * @example
 * ```ts
 * requestLocale(undefined, 'pt-BR,fr-LU;q=0.8,en;q=0.5'); // 'fr'
 * requestLocale('de-LU', 'fr');                          // 'de'
 * ```
 */
export function requestLocale(
  explicit: string | undefined,
  acceptLanguage: string | string[] | undefined,
): SupportedLocale {
  if (explicit) return resolveLocale(explicit);
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  const ranked = header
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...parameters] = entry.trim().split(';');
      const weight = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { tag: tag.trim(), weight: weight === undefined ? 1 : Number(weight), index };
    })
    .filter((entry) => entry.tag !== '' && entry.tag !== '*' && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const known = ranked.find((entry) =>
    (supportedLocales as readonly string[]).includes(entry.tag.split(/[-_]/)[0]!.toLowerCase()),
  );
  return resolveLocale(known?.tag);
}

import { errorCodes, supportedLocales, type SupportedLocale } from '@orion/contracts';
import i18next, { type i18n } from 'i18next';
import type { ModuleRegistry } from '../registry/module-registry.js';
import { coreMessages } from './core-messages.js';

/** The namespace of the host's own messages (error messages). */
export const CORE_NAMESPACE = 'orion';

/**
 * `de-LU` → `de`, `LB` → `lb`; anything Orion has no messages for → `en`.
 *
 * @example
 * ```ts
 * import { resolveLocale } from '@orion/core';
 *
 * resolveLocale('fr-LU'); // 'fr'
 * resolveLocale('pt');    // 'en'
 * ```
 */
export function resolveLocale(locale: string | undefined): SupportedLocale {
  const language = (locale ?? 'en').split(/[-_]/)[0]!.toLowerCase();
  return (supportedLocales as readonly string[]).includes(language) ? (language as SupportedLocale) : 'en';
}

/**
 * Every installed module's messages (and the host's), in one i18next instance with a namespace per
 * module, falling back to English. Values are written `{name}`, like the error-code templates.
 */
export class Translator {
  readonly #i18n: i18n;

  constructor(registry: ModuleRegistry) {
    const resources: Record<string, Record<string, Record<string, string>>> = {};
    for (const locale of supportedLocales) {
      resources[locale] = { [CORE_NAMESPACE]: coreMessages[locale] };
      for (const module of registry.all()) {
        const messages = (module.definition.messages as Record<string, Record<string, string> | undefined>)[locale];
        if (messages) resources[locale]![module.code] = messages;
      }
    }
    this.#i18n = i18next.createInstance();
    void this.#i18n.init({
      resources,
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: [...supportedLocales],
      ns: [CORE_NAMESPACE, ...registry.codes()],
      defaultNS: CORE_NAMESPACE,
      initAsync: false,
      returnNull: false,
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false, prefix: '{', suffix: '}' },
      showSupportNotice: false,
    } as Parameters<i18n['init']>[0]);
  }

  /**
   * The message `key` of `namespace` (a module code, or the host's) in `locale`, falling back to
   * English, then to `fallback` (when given), then to the key itself.
   */
  t(locale: string | undefined, namespace: string, key: string, values: Record<string, unknown> = {}, fallback?: string): string {
    const lng = resolveLocale(locale);
    const options = { lng, ns: namespace, ...values };
    if (this.#i18n.exists(key, options)) return this.#i18n.t(key, options) as string;
    return fallback === undefined ? key : interpolate(fallback, values);
  }

  /** The message of an error code in `locale`, filled from the error's details. */
  error(locale: string | undefined, code: keyof typeof errorCodes, details: Record<string, unknown>, fallback: string): string {
    return this.t(locale, CORE_NAMESPACE, `error.${code}`, stringify(details), fallback);
  }
}

function stringify(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([name, value]) => [name, typeof value === 'object' && value !== null ? JSON.stringify(value) : value]),
  );
}

function interpolate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

import { supportedLocales, type OrionErrorCode, type SupportedLocale } from '@orion/contracts';
import i18next, { type i18n } from 'i18next';
import type { ModuleRegistry, RegisteredModule } from '../registry/module-registry.js';
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
 *
 * A module's error codes (its `errors`) are messages of its namespace under `error.<CODE>`: the
 * English template, and its `de`, `fr` and `lb` translations.
 */
export class Translator {
  readonly #i18n: i18n;
  readonly #registry: ModuleRegistry;

  constructor(registry: ModuleRegistry) {
    this.#registry = registry;
    const resources: Record<string, Record<string, Record<string, string>>> = {};
    for (const locale of supportedLocales) {
      resources[locale] = { [CORE_NAMESPACE]: coreMessages[locale] };
      for (const module of registry.all()) {
        const messages = {
          ...errorMessagesOf(module, locale),
          ...(module.definition.messages as Record<string, Record<string, string> | undefined>)[locale],
        };
        if (Object.keys(messages).length > 0) resources[locale][module.code] = messages;
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
  t(
    locale: string | undefined,
    namespace: string,
    key: string,
    values: Record<string, unknown> = {},
    fallback?: string,
  ): string {
    const lng = resolveLocale(locale);
    const options = { lng, ns: namespace, ...values };
    if (this.#i18n.exists(key, options)) return this.#i18n.t(key, { ...options, returnObjects: false });
    return fallback === undefined ? key : interpolate(fallback, values);
  }

  /**
   * The message of an error code in `locale`, filled from the error's details: a host code from the
   * host's messages (every host code, from the one error table), an installed module's code from
   * that module's; any other code answers `fallback`, filled the same way.
   */
  error(locale: string | undefined, code: OrionErrorCode, details: Record<string, unknown>, fallback: string): string {
    const namespace = this.#registry.errorCode(code)?.module ?? CORE_NAMESPACE;
    return this.t(locale, namespace, `error.${code}`, stringify(details), fallback);
  }

  /**
   * The HTTP status an installed module declared for its error code `code`, or `undefined` for the
   * host's codes and codes no installed module declares.
   */
  errorStatus(code: string): number | undefined {
    return this.#registry.errorCode(code)?.definition.status;
  }
}

/** A module's error codes as messages of its namespace: `error.<CODE>` in `locale`. */
function errorMessagesOf(module: RegisteredModule, locale: SupportedLocale): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [code, definition] of Object.entries(module.definition.errors ?? {})) {
    const message = locale === 'en' ? definition.message : definition.messages?.[locale];
    if (message !== undefined) messages[`error.${code}`] = message;
  }
  return messages;
}

function stringify(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([name, value]) => [
      name,
      typeof value === 'object' && value !== null ? JSON.stringify(value) : value,
    ]),
  );
}

function interpolate(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

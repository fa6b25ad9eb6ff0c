import type { OrionErrorCode } from '@orion/contracts';

/**
 * Every installed module's messages, and the host's, in en, de, fr and lb: `orion.translator`
 * (or {@link createTranslator} before a host exists). One namespace per module code, falling back
 * to English; values are written `{name}`, like the error-code templates.
 *
 * @example
 * ```ts
 * orion.translator.t('de', 'orders', 'menu.orders.list');               // the orders module's German label
 * orion.translator.error('fr', 'ORION_ERR_NOT_READY', {}, 'Not ready'); // the host's French message
 * ```
 */
export interface OrionTranslator {
  /**
   * The message `key` of `namespace` (a module code, or the host's `orion`) in `locale`, falling
   * back to English, then to `fallback` (when given), then to the key itself.
   */
  t(
    locale: string | undefined,
    namespace: string,
    key: string,
    values?: Record<string, unknown>,
    fallback?: string,
  ): string;
  /**
   * The message of an error code in `locale`, filled from the error's details: a host code from the
   * host's messages, an installed module's code from that module's; any other code answers
   * `fallback`, filled the same way.
   */
  error(locale: string | undefined, code: OrionErrorCode, details: Record<string, unknown>, fallback: string): string;
  /**
   * The HTTP status an installed module declared for its error code `code`, or `undefined` for the
   * host's codes and codes no installed module declares.
   */
  errorStatus(code: string): number | undefined;
}

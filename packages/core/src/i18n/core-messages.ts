import { hostErrors, supportedLocales, type ErrorCode, type SupportedLocale } from '@orion/contracts';

/**
 * The host's own messages in every supported locale, derived from the one error table
 * (`hostErrors` in `@orion/contracts`): `error.<CODE>` for every host code.
 */
export const coreMessages: Record<SupportedLocale, Record<string, string>> = Object.fromEntries(
  supportedLocales.map((locale) => [
    locale,
    Object.fromEntries(
      (Object.keys(hostErrors) as ErrorCode[]).map((code) => {
        const entry = hostErrors[code];
        return [`error.${code}`, locale === 'en' ? entry.message : entry.messages[locale]];
      }),
    ),
  ]),
) as Record<SupportedLocale, Record<string, string>>;

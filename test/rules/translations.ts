/**
 * The translation rule CI enforces: every message key a module (or the host) has in English exists
 * in German, French and Luxembourgish, with the same `{placeholders}`.
 */
export interface TranslationProblem {
  namespace: string;
  locale: string;
  key: string;
  problem: 'missing' | 'placeholders differ';
}

const locales = ['de', 'fr', 'lb'] as const;

function placeholders(message: string): string {
  return [...message.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .sort()
    .join(',');
}

/** Every key missing from a locale, or translated with other placeholders than in English. */
export function checkTranslations(
  namespaces: Record<string, Record<string, Record<string, string> | undefined>>,
): TranslationProblem[] {
  const problems: TranslationProblem[] = [];
  for (const [namespace, messages] of Object.entries(namespaces)) {
    for (const [key, english] of Object.entries(messages.en ?? {})) {
      for (const locale of locales) {
        const translated = messages[locale]?.[key];
        if (translated === undefined) problems.push({ namespace, locale, key, problem: 'missing' });
        else if (placeholders(translated) !== placeholders(english)) {
          problems.push({ namespace, locale, key, problem: 'placeholders differ' });
        }
      }
    }
  }
  return problems;
}

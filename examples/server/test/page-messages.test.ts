import { expect, it } from 'vitest';
// @ts-expect-error: the page's plain JavaScript module has no type declarations
import { messages, pickLocale, supportedLocales, translator } from '../public/assets/i18n.js';

it('the page speaks every supported locale with the same keys and placeholders as English', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
  const english = messages.en as Record<string, string>;
  expect(supportedLocales).toEqual(['en', 'de', 'fr', 'lb']);
  for (const locale of supportedLocales as string[]) {
    const own = messages[locale] as Record<string, string>;
    expect(Object.keys(own).sort(), locale).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(english))
      expect(placeholders(own[key]!), `${locale} ${key}`).toEqual(placeholders(text));
  }
});

it('picks the first browser language it speaks, and English otherwise', () => {
  expect(pickLocale(['es-ES', 'fr-LU', 'de'])).toBe('fr');
  expect(pickLocale(['LB'])).toBe('lb');
  expect(pickLocale(['es', 'it'])).toBe('en');
  expect(translator('de')('title.store', { store: 'Kaffi' })).toBe('Shop-Dashboard: Kaffi');
  expect(translator('lb')('no.such.key')).toBe('no.such.key');
});

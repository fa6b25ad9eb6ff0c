import { z } from 'zod';

/** Text without NUL (`\u0000`): PostgreSQL can not store NUL in `text`/`varchar`, SQLite can. */
// eslint-disable-next-line no-control-regex -- matching the NUL control character is the point
const noNulPattern = /^[^\u0000]*$/;

/** The message every refused NUL character carries, the same on both databases. */
export const nulCharacterMessage = 'Text must not contain NUL (\\u0000) characters';

/**
 * Free text as Orion stores it: any string without NUL (`\u0000`) characters. PostgreSQL refuses
 * NUL in text columns while SQLite stores it, so Orion refuses it at validation on both databases
 * (`ORION_ERR_VALIDATION`, 400) instead of letting PostgreSQL answer 500. Chain the usual string
 * checks after it.
 *
 * `parseInput` also refuses a NUL in any string of a parsed input, so a schema built from plain
 * `z.string()` is covered too; use `textSchema` where a value is checked without `parseInput`
 * (feed rows, `safeParse`).
 *
 * @example
 * ```ts
 * import { textSchema } from '@orion/contracts';
 *
 * const titleSchema = textSchema.trim().min(1).max(255);
 * titleSchema.parse(' Blue mug '); // 'Blue mug'
 * titleSchema.safeParse('Blue\u0000mug').success; // false
 * ```
 */
export const textSchema = z.string().regex(noNulPattern, nulCharacterMessage);

/**
 * Whether `text` holds a NUL (`\u0000`) character, which PostgreSQL can not store.
 *
 * @example
 * ```ts
 * import { hasNulCharacter } from '@orion/contracts';
 *
 * hasNulCharacter('a\u0000b'); // true
 * ```
 */
export function hasNulCharacter(text: string): boolean {
  return text.includes('\u0000');
}

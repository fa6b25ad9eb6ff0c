import { z } from 'zod';
import type { ModuleErrorCode } from './error-codes.js';

/**
 * How a module describes one of its error codes: an English message template, the HTTP status it
 * answers with, and its German, French and Luxembourgish translations.
 *
 * - `message` is required and is the English text; `{name}` placeholders are filled from the
 *   error's details (`'A note has at most {max} characters; this one has {length}.'`).
 * - `status` is an integer from 400 to 599. A 4xx code is shown to the client, translated into the
 *   request's locale, with its details; a 5xx code answers like the host's server errors (503 with
 *   its code and message, any other 5xx as `ORION_ERR_INTERNAL` with a correlation id, logged).
 * - `messages` holds `de`, `fr` and `lb`. A translation may leave out a placeholder, but may not use
 *   one the English template lacks ({@link defineErrors} and `defineModule` reject it). A missing
 *   locale falls back to English; ship all three, as the workspace's translation rule demands of
 *   every module's messages.
 */
export interface ErrorDefinition {
  /** The English message template, with `{name}` placeholders. */
  message: string;
  /** The HTTP status the code answers with: an integer from 400 to 599. */
  status: number;
  /** The translations of `message`: `de`, `fr` and `lb`. */
  messages?: { de?: string; fr?: string; lb?: string };
}

/** A module's error codes, each `<MODULE>_ERR_<NAME>`, with their {@link ErrorDefinition}. */
export type ErrorDefinitions = Record<string, ErrorDefinition>;

/** The `{name}` placeholders of a message template, as a union of names. */
export type ErrorPlaceholders<TMessage extends string> = TMessage extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ErrorPlaceholders<Rest>
  : never;

/** The details an error code's template needs: one entry per placeholder, plus anything else. */
export type ErrorDetailsFor<TDefinition extends ErrorDefinition> = {
  [Name in ErrorPlaceholders<TDefinition['message']>]: unknown;
} & Record<string, unknown>;

const moduleErrorCodePattern = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_ERR_[A-Z0-9]+(_[A-Z0-9]+)*$/;

/** The placeholder names a template uses, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))];
}

/**
 * The prefix every error code of a module starts with: the module code upper-cased, `-` → `_`,
 * then `_ERR_` (`order-notes` → `ORDER_NOTES_ERR_`).
 *
 * @example
 * ```ts
 * import { errorCodePrefixOf } from '@orion/contracts';
 * errorCodePrefixOf('order-notes'); // 'ORDER_NOTES_ERR_'
 * ```
 */
export function errorCodePrefixOf(moduleCode: string): `${string}_ERR_` {
  return `${moduleCode.toUpperCase().replace(/-/g, '_')}_ERR_`;
}

/** Whether `code` has the shape of a module's error code (`ORDER_NOTES_ERR_TOO_LONG`). */
export function isModuleErrorCode(code: string): code is ModuleErrorCode {
  return moduleErrorCodePattern.test(code) && !code.startsWith('ORION_ERR_');
}

/** Validates one {@link ErrorDefinition}: status range, and translations use only English placeholders. */
export const errorDefinitionSchema = z
  .object({
    message: z.string().min(1),
    status: z
      .number()
      .int()
      .min(400, 'Expected an HTTP status from 400 to 599')
      .max(599, 'Expected an HTTP status from 400 to 599'),
    messages: z
      .object({ de: z.string().min(1).optional(), fr: z.string().min(1).optional(), lb: z.string().min(1).optional() })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((definition, context) => {
    const english = new Set(placeholdersOf(definition.message));
    for (const [locale, translated] of Object.entries(definition.messages)) {
      for (const name of placeholdersOf(translated ?? '')) {
        if (!english.has(name)) {
          context.addIssue({
            code: 'custom',
            path: ['messages', locale],
            message: `Placeholder {${name}} is not in the English message`,
          });
        }
      }
    }
  });

/**
 * Validates a module's error codes: each is `<MODULE>_ERR_<NAME>` in upper snake case, not
 * `ORION_ERR_…` (reserved for the host), with a valid {@link ErrorDefinition}. Whether the prefix
 * matches the module's code is checked by `moduleDefinitionSchema`, which knows the code.
 */
export const errorDefinitionsSchema = z
  .record(z.string(), errorDefinitionSchema)
  .superRefine((definitions, context) => {
    for (const code of Object.keys(definitions)) {
      if (code.startsWith('ORION_ERR_')) {
        context.addIssue({
          code: 'custom',
          path: [code],
          message: 'Codes starting with ORION_ERR_ are reserved for the host',
        });
      } else if (!moduleErrorCodePattern.test(code)) {
        context.addIssue({
          code: 'custom',
          path: [code],
          message: 'Expected an upper snake case code <MODULE>_ERR_<NAME>, such as ORDER_NOTES_ERR_TOO_LONG',
        });
      }
    }
  });
